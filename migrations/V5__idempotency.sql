-- Idempotent retries: the first answer to each Idempotency-Key, replayed to retries of the same
-- request. Keys are scoped per tenant, like the usage events they also name (see docs/api.md).
-- Portable between H2 (MODE=PostgreSQL) and PostgreSQL.

-- state: 'in_flight' while the first request runs (its holder, named by claim, keeps it until
-- locked_until; then a retry of the same request takes it over, so a crashed server does not block
-- the key), 'stored' with the answer to replay, or 'streamed' when the answer was a stream, which
-- cannot be replayed. expires_at: created_at plus idempotency.ttl-hours; purged hourly. fingerprint: SHA-256 (hex) of the API key id, method, path with query, and body.
-- headers: a JSON object of the answer's replayed headers.
CREATE TABLE idempotent_requests (
    tenant_id        UUID                     NOT NULL REFERENCES tenants (id),
    idempotency_key  VARCHAR(200)             NOT NULL,
    fingerprint      VARCHAR(64)              NOT NULL,
    state            VARCHAR(16)              NOT NULL,
    claim            UUID                     NOT NULL,
    status           INTEGER,
    content_type     VARCHAR(255),
    headers          TEXT,
    body             BYTEA,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT idempotent_requests_pk PRIMARY KEY (tenant_id, idempotency_key),
    CONSTRAINT idempotent_requests_state_ck CHECK (state IN ('in_flight', 'stored', 'streamed'))
);

CREATE INDEX idempotent_requests_expiry_idx ON idempotent_requests (expires_at);
