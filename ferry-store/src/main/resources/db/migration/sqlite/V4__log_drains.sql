-- Log drains of apps (drains:add URL). The URL is unique within an app, the token everywhere.
CREATE TABLE log_drains (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    id          VARCHAR(64)   NOT NULL UNIQUE,
    app_id      BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    url         VARCHAR(2000) NOT NULL,
    token       VARCHAR(64)   NOT NULL UNIQUE,
    created_at  BIGINT        NOT NULL,
    UNIQUE (app_id, url)
);
