-- Autoscaling of an app's web process (ps:autoscale): one rule per app, and the autoscaler's last decisions
-- (AutoscaleStore.KEPT_DECISIONS per app, older ones deleted as new ones come). Both go with their app.
-- Times are epoch milliseconds.
CREATE TABLE autoscale_settings (
    app_id       BIGINT      NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    process_type VARCHAR(63) NOT NULL,
    min_quantity INTEGER     NOT NULL,
    max_quantity INTEGER     NOT NULL,
    p95_goal_ms  BIGINT      NOT NULL,
    since        BIGINT      NOT NULL
);

CREATE TABLE autoscale_decisions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    app_id        BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    process_type  VARCHAR(63)  NOT NULL,
    from_quantity INTEGER      NOT NULL,
    to_quantity   INTEGER      NOT NULL,
    p95_ms        BIGINT       NOT NULL,
    requests      BIGINT       NOT NULL,
    reason        VARCHAR(300) NOT NULL,
    decided_at    BIGINT       NOT NULL
);
CREATE INDEX autoscale_decisions_by_app ON autoscale_decisions (app_id, id);
