-- The request log (docs/api.md#request-logs): one line per API-key request, written in batches
-- behind the requests and purged after request-log.retention-days. request_id is the time-ordered
-- id every response names in X-Request-Id and every problem body in requestId. No foreign keys,
-- for ingest speed; key_id is the API key, route the route template (no ids), cost the list price
-- of the usage the request committed, error_code the problem's code of an error answer.
CREATE TABLE request_logs (
    tenant_id       UUID                     NOT NULL,
    request_id      UUID                     NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    key_id          UUID                     NOT NULL,
    method          VARCHAR(16)              NOT NULL,
    route           VARCHAR(300)             NOT NULL,
    status          INTEGER                  NOT NULL,
    latency_micros  BIGINT                   NOT NULL,
    tokens          BIGINT                   NOT NULL,
    cost            NUMERIC(24, 12)          NOT NULL,
    error_code      VARCHAR(64),
    CONSTRAINT request_logs_pk PRIMARY KEY (tenant_id, request_id)
);

CREATE INDEX request_logs_tenant_time_idx ON request_logs (tenant_id, occurred_at);
CREATE INDEX request_logs_time_idx ON request_logs (occurred_at);
