-- PostgreSQL's V10 for the builds table, so that both stores run the same SQL: the node that received a build's
-- push and when that node last marked it alive. One SQLite store has one node ('local').
ALTER TABLE builds ADD COLUMN node VARCHAR(128) NOT NULL DEFAULT 'local';
ALTER TABLE builds ADD COLUMN heartbeat_at INTEGER;
