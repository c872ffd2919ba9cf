-- Privacy: a tenant's retention of its request log lines and of drafts (plugin documents in
-- collections whose name ends in 'drafts', the content plugin's), beside conversations and the audit
-- log. NULL keeps drafts until deleted and request logs for the platform's request-log.retention-days;
-- a tenant's request_log_days is at most that. See docs/privacy.md.
ALTER TABLE tenant_retention ADD COLUMN request_log_days INTEGER;
ALTER TABLE tenant_retention ADD COLUMN draft_days INTEGER;
