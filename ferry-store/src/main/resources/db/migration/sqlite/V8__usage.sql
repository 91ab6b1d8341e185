-- Usage records (UsageStore). Kept by app name, without a foreign key, so that they outlive apps:destroy.
-- Times are epoch milliseconds; days are ISO dates (YYYY-MM-DD) in UTC.
-- usage_traffic: the router's requests and bytes per app, process type and day, added to at each flush.
CREATE TABLE usage_traffic (
    app              VARCHAR(63)  NOT NULL,
    process_type     VARCHAR(63)  NOT NULL,
    day              CHAR(10)     NOT NULL,
    requests         BIGINT       NOT NULL,
    bytes_in         BIGINT       NOT NULL,
    bytes_out        BIGINT       NOT NULL,
    tunnel_requests  BIGINT       NOT NULL,
    tunnel_bytes_in  BIGINT       NOT NULL,
    tunnel_bytes_out BIGINT       NOT NULL,
    PRIMARY KEY (app, process_type, day)
);
-- usage_instances: one row per instance lifetime; stopped_at is NULL while it runs, last_seen_at is where a
-- killed Ferry's next start closes it.
CREATE TABLE usage_instances (
    id           VARCHAR(255) PRIMARY KEY,
    app          VARCHAR(63)  NOT NULL,
    process_type VARCHAR(63)  NOT NULL,
    started_at   BIGINT       NOT NULL,
    last_seen_at BIGINT       NOT NULL,
    stopped_at   BIGINT
);
CREATE INDEX usage_instances_open ON usage_instances (stopped_at);
CREATE INDEX usage_instances_by_app ON usage_instances (app, started_at);
