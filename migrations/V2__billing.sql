-- Billing: meters, plans with prices and limits, subscriptions, the usage ledger and its rollups,
-- invoices. Portable between H2 (MODE=PostgreSQL) and PostgreSQL: no ON CONFLICT, no partial
-- indexes; indexed text columns are VARCHAR. Money is NUMERIC, quantities are whole units (BIGINT).
-- See docs/billing.md.

-- What can be metered. Platform meters have no plugin_id; a plugin's meters are named
-- '<plugin-id>.<name>'. Meters whose unit is 'token' also drain the tokens-per-minute rate limit.
CREATE TABLE meters (
    name         VARCHAR(64)  NOT NULL PRIMARY KEY,
    unit         VARCHAR(32)  NOT NULL,
    plugin_id    VARCHAR(64),
    description  TEXT         NOT NULL
);

-- allowed_plugins: space-separated plugin ids, or '*' for all.
CREATE TABLE plans (
    id                          VARCHAR(64)              NOT NULL PRIMARY KEY,
    name                        VARCHAR(200)             NOT NULL,
    monthly_fee                 NUMERIC(18, 2)           NOT NULL,
    key_requests_per_minute     BIGINT                   NOT NULL,
    tenant_requests_per_minute  BIGINT                   NOT NULL,
    key_tokens_per_minute       BIGINT                   NOT NULL,
    tenant_tokens_per_minute    BIGINT                   NOT NULL,
    max_concurrency             INTEGER                  NOT NULL,
    pool_weight                 INTEGER                  NOT NULL,
    allowed_plugins             TEXT                     NOT NULL,
    updated_at                  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Per plan and meter: the monthly included allowance and the quota limits (NULL = none).
CREATE TABLE plan_meters (
    plan_id     VARCHAR(64) NOT NULL REFERENCES plans (id),
    meter       VARCHAR(64) NOT NULL REFERENCES meters (name),
    included    BIGINT      NOT NULL,
    soft_limit  BIGINT,
    hard_limit  BIGINT,
    CONSTRAINT plan_meters_pk PRIMARY KEY (plan_id, meter)
);

-- Graduated prices: the billable units (beyond the allowance) numbered from 0; units from
-- first_unit up to the next tier's first_unit cost unit_price each. Every priced meter has a tier 0.
CREATE TABLE plan_price_tiers (
    plan_id     VARCHAR(64)     NOT NULL,
    meter       VARCHAR(64)     NOT NULL,
    first_unit  BIGINT          NOT NULL,
    unit_price  NUMERIC(24, 12) NOT NULL,
    CONSTRAINT plan_price_tiers_pk PRIMARY KEY (plan_id, meter, first_unit),
    CONSTRAINT plan_price_tiers_meter_fk FOREIGN KEY (plan_id, meter) REFERENCES plan_meters (plan_id, meter)
);

-- A tenant's plan over time: [starts_at, ends_at), ends_at NULL while current. A tenant without
-- any row is on the default plan (billing.default-plan) since it was created.
CREATE TABLE subscriptions (
    id                UUID                     NOT NULL PRIMARY KEY,
    tenant_id         UUID                     NOT NULL REFERENCES tenants (id),
    plan_id           VARCHAR(64)              NOT NULL REFERENCES plans (id),
    starts_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    ends_at           TIMESTAMP WITH TIME ZONE,
    discount_percent  NUMERIC(5, 2)            NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX subscriptions_tenant_idx ON subscriptions (tenant_id, starts_at);

-- Raw usage, kept for billing.raw-event-retention-days. The primary key is the idempotency key:
-- a retried event is never stored (or billed) twice. No foreign keys, for ingest speed.
-- key_id is the nil UUID, plugin and model '' when they do not apply.
CREATE TABLE usage_events (
    tenant_id        UUID                     NOT NULL,
    idempotency_key  VARCHAR(255)             NOT NULL,
    key_id           UUID                     NOT NULL,
    plugin           VARCHAR(64)              NOT NULL,
    model            VARCHAR(128)             NOT NULL,
    meter            VARCHAR(64)              NOT NULL,
    quantity         BIGINT                   NOT NULL,
    occurred_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT usage_events_pk PRIMARY KEY (tenant_id, idempotency_key)
);

CREATE INDEX usage_events_time_idx ON usage_events (occurred_at);

-- Rollups, written in the same transaction as the events they sum: dashboards and invoices read
-- these, never the raw events.
CREATE TABLE usage_hourly (
    tenant_id    UUID                     NOT NULL,
    bucket_hour  TIMESTAMP WITH TIME ZONE NOT NULL,
    meter        VARCHAR(64)              NOT NULL,
    plugin       VARCHAR(64)              NOT NULL,
    model        VARCHAR(128)             NOT NULL,
    key_id       UUID                     NOT NULL,
    quantity     BIGINT                   NOT NULL,
    events       BIGINT                   NOT NULL,
    CONSTRAINT usage_hourly_pk PRIMARY KEY (tenant_id, bucket_hour, meter, plugin, model, key_id)
);

CREATE TABLE usage_daily (
    tenant_id   UUID         NOT NULL,
    bucket_day  DATE         NOT NULL,
    meter       VARCHAR(64)  NOT NULL,
    plugin      VARCHAR(64)  NOT NULL,
    model       VARCHAR(128) NOT NULL,
    key_id      UUID         NOT NULL,
    quantity    BIGINT       NOT NULL,
    events      BIGINT       NOT NULL,
    CONSTRAINT usage_daily_pk PRIMARY KEY (tenant_id, bucket_day, meter, plugin, model, key_id)
);

CREATE INDEX usage_daily_day_idx ON usage_daily (bucket_day);

-- One live invoice per tenant and month: open_period equals period unless the invoice is void
-- (then NULL, which the unique constraint ignores, so the month can be closed again).
CREATE TABLE invoices (
    id                UUID                     NOT NULL PRIMARY KEY,
    tenant_id         UUID                     NOT NULL REFERENCES tenants (id),
    period            VARCHAR(7)               NOT NULL,
    open_period       VARCHAR(7),
    status            VARCHAR(16)              NOT NULL,
    currency          VARCHAR(3)               NOT NULL,
    subtotal          NUMERIC(18, 2)           NOT NULL,
    discount_percent  NUMERIC(5, 2)            NOT NULL,
    discount          NUMERIC(18, 2)           NOT NULL,
    tax_percent       NUMERIC(5, 2)            NOT NULL,
    tax               NUMERIC(18, 2)           NOT NULL,
    total             NUMERIC(18, 2)           NOT NULL,
    issued_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    finalised_at      TIMESTAMP WITH TIME ZONE,
    voided_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT invoices_open_period_uk UNIQUE (tenant_id, open_period),
    CONSTRAINT invoices_status_ck CHECK (status IN ('draft', 'finalised', 'void'))
);

CREATE INDEX invoices_tenant_idx ON invoices (tenant_id, period);
CREATE INDEX invoices_period_idx ON invoices (period);

-- kind: 'fee' (prorated plan fee) or 'usage'. For usage lines, quantity = included + billable.
CREATE TABLE invoice_lines (
    invoice_id   UUID            NOT NULL REFERENCES invoices (id),
    line_no      INTEGER         NOT NULL,
    kind         VARCHAR(16)     NOT NULL,
    description  TEXT            NOT NULL,
    meter        VARCHAR(64),
    plugin       VARCHAR(64),
    quantity     BIGINT          NOT NULL,
    included     BIGINT          NOT NULL,
    unit_price   NUMERIC(24, 12) NOT NULL,
    amount       NUMERIC(18, 2)  NOT NULL,
    CONSTRAINT invoice_lines_pk PRIMARY KEY (invoice_id, line_no)
);

-- Platform meters.
INSERT INTO meters (name, unit, plugin_id, description) VALUES
    ('requests', 'request', NULL, 'API requests admitted and answered successfully'),
    ('embedding_tokens', 'token', NULL, 'Input tokens embedded'),
    ('generation_input_tokens', 'token', NULL, 'Prompt tokens read by a generative model'),
    ('generation_output_tokens', 'token', NULL, 'Tokens generated'),
    ('compute_ms.cpu', 'ms', NULL, 'Inference compute time on CPU workers'),
    ('compute_ms.gpu', 'ms', NULL, 'Inference compute time on GPU workers');

-- Seeded plans; the operator edits them through /api/admin/plans.
INSERT INTO plans (id, name, monthly_fee, key_requests_per_minute, tenant_requests_per_minute,
                   key_tokens_per_minute, tenant_tokens_per_minute, max_concurrency, pool_weight,
                   allowed_plugins, updated_at) VALUES
    ('free', 'Free', 0.00, 60, 120, 20000, 40000, 4, 1, '*', TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+00'),
    ('pro', 'Pro', 49.00, 600, 3000, 200000, 1000000, 32, 4, '*', TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+00'),
    ('enterprise', 'Enterprise', 999.00, 6000, 60000, 2000000, 20000000, 256, 16, '*', TIMESTAMP WITH TIME ZONE '2027-01-01 00:00:00+00');

-- Free: usage stops at the allowance (hard limit = allowance); warnings at 80% and 100% of it.
INSERT INTO plan_meters (plan_id, meter, included, soft_limit, hard_limit) VALUES
    ('free', 'requests', 10000, 10000, 10000),
    ('free', 'embedding_tokens', 1000000, 1000000, 1000000),
    ('free', 'generation_input_tokens', 100000, 100000, 100000),
    ('free', 'generation_output_tokens', 100000, 100000, 100000),
    ('free', 'compute_ms.cpu', 3600000, 3600000, 3600000),
    ('free', 'compute_ms.gpu', 0, NULL, 0),
    ('pro', 'requests', 1000000, 1000000, NULL),
    ('pro', 'embedding_tokens', 50000000, 50000000, NULL),
    ('pro', 'generation_input_tokens', 5000000, 5000000, NULL),
    ('pro', 'generation_output_tokens', 2000000, 2000000, NULL),
    ('pro', 'compute_ms.cpu', 360000000, 360000000, NULL),
    ('pro', 'compute_ms.gpu', 36000000, 36000000, NULL),
    ('enterprise', 'requests', 20000000, NULL, NULL),
    ('enterprise', 'embedding_tokens', 2000000000, NULL, NULL),
    ('enterprise', 'generation_input_tokens', 200000000, NULL, NULL),
    ('enterprise', 'generation_output_tokens', 100000000, NULL, NULL),
    ('enterprise', 'compute_ms.cpu', 3600000000, NULL, NULL),
    ('enterprise', 'compute_ms.gpu', 360000000, NULL, NULL);

INSERT INTO plan_price_tiers (plan_id, meter, first_unit, unit_price) VALUES
    ('free', 'requests', 0, 0),
    ('free', 'embedding_tokens', 0, 0),
    ('free', 'generation_input_tokens', 0, 0),
    ('free', 'generation_output_tokens', 0, 0),
    ('free', 'compute_ms.cpu', 0, 0),
    ('free', 'compute_ms.gpu', 0, 0),
    ('pro', 'requests', 0, 0.0004),
    ('pro', 'requests', 10000000, 0.0002),
    ('pro', 'embedding_tokens', 0, 0.00000002),
    ('pro', 'embedding_tokens', 1000000000, 0.000000015),
    ('pro', 'generation_input_tokens', 0, 0.0000005),
    ('pro', 'generation_output_tokens', 0, 0.0000015),
    ('pro', 'compute_ms.cpu', 0, 0.00000005),
    ('pro', 'compute_ms.gpu', 0, 0.0000005),
    ('enterprise', 'requests', 0, 0.0002),
    ('enterprise', 'embedding_tokens', 0, 0.00000001),
    ('enterprise', 'generation_input_tokens', 0, 0.0000003),
    ('enterprise', 'generation_output_tokens', 0, 0.000001),
    ('enterprise', 'compute_ms.cpu', 0, 0.00000003),
    ('enterprise', 'compute_ms.gpu', 0, 0.0000003);
