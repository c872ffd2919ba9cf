-- Narrow rollups per tenant, meter and hour (or day), for the dashboard's usage reports by hour, by
-- day and by meter (docs/billing.md#usage-reports-and-their-rollups). The wide rollups
-- (usage_hourly, usage_daily) keep plugin, model and API key too, so a large tenant's month by hour
-- is up to hours x meters x plugins x models x keys rows; these hold hours x meters. The ledger
-- writes all four in the transaction that stores the events they sum, so they are exact and never
-- ahead of or behind the events. The primary key leads with the tenant and the time: a tenant's
-- range is one contiguous stretch of the index, already in the order the report returns.
CREATE TABLE usage_meter_hourly (
    tenant_id    UUID                     NOT NULL,
    bucket_hour  TIMESTAMP WITH TIME ZONE NOT NULL,
    meter        VARCHAR(64)              NOT NULL,
    quantity     BIGINT                   NOT NULL,
    events       BIGINT                   NOT NULL,
    CONSTRAINT usage_meter_hourly_pk PRIMARY KEY (tenant_id, bucket_hour, meter)
);

CREATE TABLE usage_meter_daily (
    tenant_id   UUID        NOT NULL,
    bucket_day  DATE        NOT NULL,
    meter       VARCHAR(64) NOT NULL,
    quantity    BIGINT      NOT NULL,
    events      BIGINT      NOT NULL,
    CONSTRAINT usage_meter_daily_pk PRIMARY KEY (tenant_id, bucket_day, meter)
);

-- The usage stored before this migration, summed from the wide rollups (which equal the events).
INSERT INTO usage_meter_hourly (tenant_id, bucket_hour, meter, quantity, events)
SELECT tenant_id, bucket_hour, meter, SUM(quantity), SUM(events)
FROM usage_hourly
GROUP BY tenant_id, bucket_hour, meter;

INSERT INTO usage_meter_daily (tenant_id, bucket_day, meter, quantity, events)
SELECT tenant_id, bucket_day, meter, SUM(quantity), SUM(events)
FROM usage_daily
GROUP BY tenant_id, bucket_day, meter;

-- Every column the hourly report reads, in the order it reads them: H2 and PostgreSQL answer a
-- tenant's month by hour from this index alone (an index-only scan) instead of fetching each of up
-- to 2,160 rows by its row id, which on H2 was most of the query's time once the table outgrew its
-- page cache. The ledger updates only a few cells of it per transaction.
CREATE INDEX usage_meter_hourly_report_idx
    ON usage_meter_hourly (tenant_id, bucket_hour, meter, quantity, events);
