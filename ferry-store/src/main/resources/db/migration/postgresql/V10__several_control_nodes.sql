-- Several control nodes on one database (decision 032).
-- Each build belongs to the control node that received its push (its git objects are in that node's data dir);
-- the node marks its unfinished builds alive every few seconds, and another node fails them once the marks stop.
ALTER TABLE builds ADD COLUMN node VARCHAR(128) NOT NULL DEFAULT 'local';
ALTER TABLE builds ADD COLUMN heartbeat_at BIGINT;

-- Slugs shared by every node: the archive is a large object, keyed by its SHA-256, stored once.
CREATE TABLE slugs (
    id          CHAR(64) PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
    content     OID      NOT NULL,
    size_bytes  BIGINT   NOT NULL,
    created_at  BIGINT   NOT NULL
);

-- Leases (the reconciler's leader): held by one node until expires_at, which its holder pushes forward.
-- Times are the database's clock, so the nodes' clocks need not agree.
CREATE TABLE leases (
    name        VARCHAR(128) PRIMARY KEY,
    holder      VARCHAR(128) NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);

-- Each finished build's kept output, so that builds:output answers through every node: a large object per build,
-- replaced when more output is kept (the release step), unlinked with its row (and so when its app is destroyed).
CREATE TABLE build_logs (
    build_id    BIGINT PRIMARY KEY REFERENCES builds (id) ON DELETE CASCADE,
    content     OID    NOT NULL,
    size_bytes  BIGINT NOT NULL
);

CREATE FUNCTION unlink_build_log() RETURNS trigger AS $$
BEGIN
    PERFORM lo_unlink(OLD.content);
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER build_logs_unlink AFTER DELETE ON build_logs FOR EACH ROW EXECUTE FUNCTION unlink_build_log();
