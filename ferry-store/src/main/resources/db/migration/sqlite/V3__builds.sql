-- The build queue's jobs (Store: builds). A build is QUEUED, then RUNNING, then SUCCEEDED or FAILED once;
-- builds still QUEUED or RUNNING when Ferry starts are recovered by the build queue. Times are epoch
-- milliseconds. The id is shown as b-<id>; AUTOINCREMENT so that an id is never reused.
CREATE TABLE builds (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    app_id           BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    commit_id        CHAR(40)     NOT NULL,
    branch           VARCHAR(255) NOT NULL,
    created_by       BIGINT       NOT NULL REFERENCES users (id),
    status           VARCHAR(16)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    buildpack        VARCHAR(200),
    release_version  INTEGER,
    failure          TEXT,
    created_at       BIGINT       NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT
);
CREATE INDEX builds_by_app ON builds (app_id, id);
CREATE INDEX builds_unfinished ON builds (status, id);
