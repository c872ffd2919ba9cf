-- The tutoring plugin's meters (issue 17), priced in the seeded plans. A plugin's meters are
-- otherwise declared at first use with a price of 0; seeding them here gives every plan an allowance
-- and a price from the start (free: no charge, as its platform meters). The operator edits them through /api/admin/plans.
INSERT INTO meters (name, unit, plugin_id, description) VALUES
    ('tutoring.responses_graded', 'response', 'tutoring', 'Learners'' answers graded'),
    ('tutoring.items_served', 'item', 'tutoring', 'Items served by /v1/tutoring/next'),
    ('tutoring.qa_answers', 'answer', 'tutoring', 'Questions and hints answered from course material'),
    ('tutoring.generated_tokens', 'token', 'tutoring', 'Prompt and written tokens of generated hints');

INSERT INTO plan_meters (plan_id, meter, included, soft_limit, hard_limit) VALUES
    ('free', 'tutoring.responses_graded', 2000, NULL, NULL),
    ('free', 'tutoring.items_served', 2000, NULL, NULL),
    ('free', 'tutoring.qa_answers', 200, NULL, NULL),
    ('free', 'tutoring.generated_tokens', 100000, NULL, NULL),
    ('pro', 'tutoring.responses_graded', 100000, NULL, NULL),
    ('pro', 'tutoring.items_served', 100000, NULL, NULL),
    ('pro', 'tutoring.qa_answers', 10000, NULL, NULL),
    ('pro', 'tutoring.generated_tokens', 2000000, NULL, NULL),
    ('enterprise', 'tutoring.responses_graded', 5000000, NULL, NULL),
    ('enterprise', 'tutoring.items_served', 5000000, NULL, NULL),
    ('enterprise', 'tutoring.qa_answers', 500000, NULL, NULL),
    ('enterprise', 'tutoring.generated_tokens', 100000000, NULL, NULL);

INSERT INTO plan_price_tiers (plan_id, meter, first_unit, unit_price) VALUES
    ('free', 'tutoring.responses_graded', 0, 0),
    ('free', 'tutoring.items_served', 0, 0),
    ('free', 'tutoring.qa_answers', 0, 0),
    ('free', 'tutoring.generated_tokens', 0, 0),
    ('pro', 'tutoring.responses_graded', 0, 0.0004),
    ('pro', 'tutoring.responses_graded', 1000000, 0.0002),
    ('pro', 'tutoring.items_served', 0, 0.0001),
    ('pro', 'tutoring.qa_answers', 0, 0.0015),
    ('pro', 'tutoring.generated_tokens', 0, 0.0000015),
    ('enterprise', 'tutoring.responses_graded', 0, 0.0002),
    ('enterprise', 'tutoring.items_served', 0, 0.00005),
    ('enterprise', 'tutoring.qa_answers', 0, 0.001),
    ('enterprise', 'tutoring.generated_tokens', 0, 0.000001);
