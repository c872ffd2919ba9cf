-- The customer-service plugin's meters (plugins/customer-service, docs/customer-service.md), priced in the seeded plans.
-- A plugin meter is otherwise declared at its first use with no allowance and a zero price; these
-- rows exist first, so the declaration finds them.
INSERT INTO meters (name, unit, plugin_id, description) VALUES
    ('customer-service.questions_answered', 'question', 'customer-service', 'Questions answered (hand-offs included)'),
    ('customer-service.ingested_chars', 'character', 'customer-service', 'Characters of documents ingested'),
    ('customer-service.embedding_tokens', 'token', 'customer-service', 'Tokens embedded for documents, questions and checks of generated answers'),
    ('customer-service.prompt_tokens', 'token', 'customer-service', 'Prompt tokens of generated answers'),
    ('customer-service.completion_tokens', 'token', 'customer-service', 'Tokens written for generated answers');

-- Free: usage stops at the allowance. Pro and Enterprise: an allowance, then a unit price.
INSERT INTO plan_meters (plan_id, meter, included, soft_limit, hard_limit) VALUES
    ('free', 'customer-service.questions_answered', 1000, 1000, 1000),
    ('free', 'customer-service.ingested_chars', 5000000, 5000000, 5000000),
    ('free', 'customer-service.embedding_tokens', 1000000, 1000000, 1000000),
    ('free', 'customer-service.prompt_tokens', 100000, 100000, 100000),
    ('free', 'customer-service.completion_tokens', 50000, 50000, 50000),
    ('pro', 'customer-service.questions_answered', 50000, 50000, NULL),
    ('pro', 'customer-service.ingested_chars', 200000000, 200000000, NULL),
    ('pro', 'customer-service.embedding_tokens', 50000000, 50000000, NULL),
    ('pro', 'customer-service.prompt_tokens', 5000000, 5000000, NULL),
    ('pro', 'customer-service.completion_tokens', 2000000, 2000000, NULL),
    ('enterprise', 'customer-service.questions_answered', 2000000, NULL, NULL),
    ('enterprise', 'customer-service.ingested_chars', 10000000000, NULL, NULL),
    ('enterprise', 'customer-service.embedding_tokens', 2000000000, NULL, NULL),
    ('enterprise', 'customer-service.prompt_tokens', 200000000, NULL, NULL),
    ('enterprise', 'customer-service.completion_tokens', 100000000, NULL, NULL);

INSERT INTO plan_price_tiers (plan_id, meter, first_unit, unit_price) VALUES
    ('free', 'customer-service.questions_answered', 0, 0),
    ('free', 'customer-service.ingested_chars', 0, 0),
    ('free', 'customer-service.embedding_tokens', 0, 0),
    ('free', 'customer-service.prompt_tokens', 0, 0),
    ('free', 'customer-service.completion_tokens', 0, 0),
    ('pro', 'customer-service.questions_answered', 0, 0.002),
    ('pro', 'customer-service.ingested_chars', 0, 0.0000001),
    ('pro', 'customer-service.embedding_tokens', 0, 0.00000002),
    ('pro', 'customer-service.prompt_tokens', 0, 0.0000005),
    ('pro', 'customer-service.completion_tokens', 0, 0.0000015),
    ('enterprise', 'customer-service.questions_answered', 0, 0.001),
    ('enterprise', 'customer-service.ingested_chars', 0, 0.00000005),
    ('enterprise', 'customer-service.embedding_tokens', 0, 0.00000001),
    ('enterprise', 'customer-service.prompt_tokens', 0, 0.0000003),
    ('enterprise', 'customer-service.completion_tokens', 0, 0.000001);
