-- The request log's index on occurred_at alone served only the platform-wide purge; every API-key request
-- paid for it with a third B-tree insert. The purge now deletes tenant by tenant through
-- request_logs_tenant_time_idx (tenant_id, occurred_at). See docs/api.md#request-logs.
DROP INDEX request_logs_time_idx;
