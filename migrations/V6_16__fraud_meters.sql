-- The fraud plugin's meters (plugins/fraud, docs/fraud.md), priced in the seeded plans.
-- A plugin meter is otherwise declared at its first use with no allowance and a zero price; these
-- rows exist first, so the declaration finds them.
INSERT INTO meters (name, unit, plugin_id, description) VALUES
    ('fraud.transactions_scored', 'transaction', 'fraud', 'Transactions scored (single, batch and uploads)'),
    ('fraud.training_minutes', 'minute', 'fraud', 'Model training time, rounded up per job'),
    ('fraud.reports', 'report', 'fraud', 'Daily reports produced');

-- Free: usage stops at the allowance. Pro and Enterprise: an allowance, then a unit price.
INSERT INTO plan_meters (plan_id, meter, included, soft_limit, hard_limit) VALUES
    ('free', 'fraud.transactions_scored', 10000, 10000, 10000),
    ('free', 'fraud.training_minutes', 60, 60, 60),
    ('free', 'fraud.reports', 31, 31, 31),
    ('pro', 'fraud.transactions_scored', 1000000, 1000000, NULL),
    ('pro', 'fraud.training_minutes', 600, 600, NULL),
    ('pro', 'fraud.reports', 31, 31, NULL),
    ('enterprise', 'fraud.transactions_scored', 50000000, NULL, NULL),
    ('enterprise', 'fraud.training_minutes', 20000, NULL, NULL),
    ('enterprise', 'fraud.reports', 1000, NULL, NULL);

INSERT INTO plan_price_tiers (plan_id, meter, first_unit, unit_price) VALUES
    ('free', 'fraud.transactions_scored', 0, 0),
    ('free', 'fraud.training_minutes', 0, 0),
    ('free', 'fraud.reports', 0, 0),
    ('pro', 'fraud.transactions_scored', 0, 0.0005),
    ('pro', 'fraud.training_minutes', 0, 0.05),
    ('pro', 'fraud.reports', 0, 0.10),
    ('enterprise', 'fraud.transactions_scored', 0, 0.0002),
    ('enterprise', 'fraud.training_minutes', 0, 0.03),
    ('enterprise', 'fraud.reports', 0, 0.05);
