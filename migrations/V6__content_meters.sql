-- The content plugin's meters (plugins/content, docs/content.md), priced in the seeded plans.
-- A plugin meter is otherwise declared at its first use with no allowance and a zero price; these
-- rows exist first, so the declaration finds them. Meters in 'token' also drain the
-- tokens-per-minute rate limit, like the platform's generation meters.
INSERT INTO meters (name, unit, plugin_id, description) VALUES
    ('content.documents_generated', 'document', 'content', 'Content variants written and stored as drafts'),
    ('content.batch_rows', 'row', 'content', 'Content batch rows generated (failed rows excluded)'),
    ('content.prompt_tokens', 'token', 'content', 'Prompt tokens of content generations, regenerations included'),
    ('content.completion_tokens', 'token', 'content', 'Tokens written by content generations, regenerations included'),
    ('content.embedding_tokens', 'token', 'content', 'Tokens embedded for content summaries and duplicate detection');

-- Free: usage stops at the allowance. Pro and Enterprise: an allowance, then a unit price.
INSERT INTO plan_meters (plan_id, meter, included, soft_limit, hard_limit) VALUES
    ('free', 'content.documents_generated', 200, 200, 200),
    ('free', 'content.batch_rows', 200, 200, 200),
    ('free', 'content.prompt_tokens', 100000, 100000, 100000),
    ('free', 'content.completion_tokens', 50000, 50000, 50000),
    ('free', 'content.embedding_tokens', 1000000, 1000000, 1000000),
    ('pro', 'content.documents_generated', 5000, 5000, NULL),
    ('pro', 'content.batch_rows', 20000, 20000, NULL),
    ('pro', 'content.prompt_tokens', 5000000, 5000000, NULL),
    ('pro', 'content.completion_tokens', 2000000, 2000000, NULL),
    ('pro', 'content.embedding_tokens', 50000000, 50000000, NULL),
    ('enterprise', 'content.documents_generated', 200000, NULL, NULL),
    ('enterprise', 'content.batch_rows', 1000000, NULL, NULL),
    ('enterprise', 'content.prompt_tokens', 200000000, NULL, NULL),
    ('enterprise', 'content.completion_tokens', 100000000, NULL, NULL),
    ('enterprise', 'content.embedding_tokens', 2000000000, NULL, NULL);

INSERT INTO plan_price_tiers (plan_id, meter, first_unit, unit_price) VALUES
    ('free', 'content.documents_generated', 0, 0),
    ('free', 'content.batch_rows', 0, 0),
    ('free', 'content.prompt_tokens', 0, 0),
    ('free', 'content.completion_tokens', 0, 0),
    ('free', 'content.embedding_tokens', 0, 0),
    ('pro', 'content.documents_generated', 0, 0.002),
    ('pro', 'content.batch_rows', 0, 0.001),
    ('pro', 'content.prompt_tokens', 0, 0.0000005),
    ('pro', 'content.completion_tokens', 0, 0.0000015),
    ('pro', 'content.embedding_tokens', 0, 0.00000002),
    ('enterprise', 'content.documents_generated', 0, 0.001),
    ('enterprise', 'content.batch_rows', 0, 0.0005),
    ('enterprise', 'content.prompt_tokens', 0, 0.0000003),
    ('enterprise', 'content.completion_tokens', 0, 0.000001),
    ('enterprise', 'content.embedding_tokens', 0, 0.00000001);
