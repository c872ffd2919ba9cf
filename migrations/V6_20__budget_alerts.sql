-- Budget alerts (docs/billing.md#budget-alerts): a tenant's monthly budget in money, the percentages
-- of it that raise an alert, and an optional webhook told of each alert (signed with its secret).
-- thresholds: space-separated whole percentages, ascending, e.g. '50 80 100'.
CREATE TABLE budgets (
    tenant_id       UUID                     NOT NULL REFERENCES tenants (id),
    monthly_amount  NUMERIC(18, 2)           NOT NULL,
    thresholds      VARCHAR(64)              NOT NULL,
    webhook_url     VARCHAR(2048),
    webhook_secret  VARCHAR(128),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT budgets_pk PRIMARY KEY (tenant_id)
);

-- One alert per tenant, month and threshold: raised once, shown in the dashboard for the month.
CREATE TABLE budget_alerts (
    id            UUID                     NOT NULL,
    tenant_id     UUID                     NOT NULL REFERENCES tenants (id),
    period        VARCHAR(7)               NOT NULL,
    percent       INTEGER                  NOT NULL,
    budget        NUMERIC(18, 2)           NOT NULL,
    spent         NUMERIC(18, 2)           NOT NULL,
    currency      VARCHAR(3)               NOT NULL,
    raised_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT budget_alerts_pk PRIMARY KEY (id),
    CONSTRAINT budget_alerts_once_uk UNIQUE (tenant_id, period, percent)
);

-- Every attempt to deliver an alert to the tenant's webhook: status is the HTTP status answered
-- (NULL when none came), error what went wrong.
CREATE TABLE webhook_deliveries (
    id            UUID                     NOT NULL,
    tenant_id     UUID                     NOT NULL REFERENCES tenants (id),
    alert_id      UUID                     NOT NULL REFERENCES budget_alerts (id),
    attempt       INTEGER                  NOT NULL,
    url           VARCHAR(2048)            NOT NULL,
    status        INTEGER,
    error         TEXT,
    delivered     BOOLEAN                  NOT NULL,
    attempted_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT webhook_deliveries_pk PRIMARY KEY (id)
);

CREATE INDEX webhook_deliveries_tenant_idx ON webhook_deliveries (tenant_id, attempted_at);
