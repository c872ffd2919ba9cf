-- Plugins: per-tenant enablement and settings, and the tenant-scoped storage the host offers
-- plugins (documents and blobs). The plugin archives themselves live in the plugins directory.
-- Indexed text columns are VARCHAR: jOOQ's DDL simulation maps TEXT to CLOB, which cannot be indexed.

-- One row per tenant that has touched a plugin's settings; no row means disabled, no settings.
-- settings: a JSON object, valid against the plugin's settings schema when it was saved.
CREATE TABLE tenant_plugins (
    tenant_id   UUID                     NOT NULL REFERENCES tenants (id),
    plugin_id   VARCHAR(40)              NOT NULL,
    enabled     BOOLEAN                  NOT NULL,
    settings    TEXT                     NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by  UUID                     REFERENCES users (id),
    CONSTRAINT tenant_plugins_pk PRIMARY KEY (tenant_id, plugin_id)
);

-- data: a JSON object. Ordered and paged by id within (tenant, plugin, collection).
CREATE TABLE plugin_documents (
    tenant_id   UUID                     NOT NULL REFERENCES tenants (id),
    plugin_id   VARCHAR(40)              NOT NULL,
    collection  VARCHAR(64)              NOT NULL,
    id          VARCHAR(256)             NOT NULL,
    data        TEXT                     NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT plugin_documents_pk PRIMARY KEY (tenant_id, plugin_id, collection, id)
);

CREATE TABLE plugin_blobs (
    tenant_id     UUID                     NOT NULL REFERENCES tenants (id),
    plugin_id     VARCHAR(40)              NOT NULL,
    name          VARCHAR(512)             NOT NULL,
    content_type  VARCHAR(200)             NOT NULL,
    size          BIGINT                   NOT NULL,
    content       BYTEA                    NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT plugin_blobs_pk PRIMARY KEY (tenant_id, plugin_id, name)
);
