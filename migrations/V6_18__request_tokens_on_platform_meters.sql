-- Inference a plugin runs while serving a request is billed by the host on the platform's token
-- meters (embedding_tokens, generation_input_tokens, generation_output_tokens) with the plugin's id
-- (docs/billing.md). Customer service generates only in requests, so its own generation token
-- meters are retired; its embedding_tokens and content's token meters now count only the work of
-- jobs that run outside a request (document ingestion, content batches).
DELETE FROM plan_price_tiers WHERE meter IN ('customer-service.prompt_tokens', 'customer-service.completion_tokens');
DELETE FROM plan_meters WHERE meter IN ('customer-service.prompt_tokens', 'customer-service.completion_tokens');
DELETE FROM meters WHERE name IN ('customer-service.prompt_tokens', 'customer-service.completion_tokens');

UPDATE meters SET description = 'Tokens embedded for ingested documents' WHERE name = 'customer-service.embedding_tokens';
UPDATE meters SET description = 'Prompt tokens of batch generations' WHERE name = 'content.prompt_tokens';
UPDATE meters SET description = 'Tokens written by batch generations' WHERE name = 'content.completion_tokens';
UPDATE meters SET description = 'Tokens embedded to index batch drafts for duplicate detection' WHERE name = 'content.embedding_tokens';
