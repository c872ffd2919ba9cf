-- The operator suspends a tenant (docs/dashboard.md#suspending-a-tenant): while suspended_at is set,
-- the tenant's API keys and its users' dashboard sessions are refused with 403 tenant_suspended.
-- suspended_reason is the operator's own note (audited, never shown to the tenant).
ALTER TABLE tenants ADD COLUMN suspended_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE tenants ADD COLUMN suspended_reason VARCHAR(500);

-- A tenant dismisses the dashboard's budget notice: the alerts of the month up to the dismissed
-- one are marked, so the notice comes back only when a higher threshold is crossed.
ALTER TABLE budget_alerts ADD COLUMN dismissed_at TIMESTAMP WITH TIME ZONE;
