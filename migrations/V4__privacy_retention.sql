-- Privacy: how long a tenant keeps its stored conversations (plugin documents in collections
-- whose name ends in 'conversations') and its audit log. NULL keeps them until deleted; no row
-- means both NULL. The retention purge (privacy.retention-purge-interval-seconds) applies them.
-- See docs/privacy.md.
CREATE TABLE tenant_retention (
    tenant_id          UUID                     NOT NULL PRIMARY KEY REFERENCES tenants (id),
    conversation_days  INTEGER,
    audit_log_days     INTEGER,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
