-- Apps' git repositories shared by every control node (decision 035): after each push the receiving node stores
-- the whole repository as a git bundle (a large object), and a node whose copy is of another version restores it.
-- Versions come from one sequence, so an app destroyed and made again never meets an old app's version.
CREATE SEQUENCE app_repository_versions;

CREATE TABLE app_repositories (
    app_id      BIGINT PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    version     BIGINT NOT NULL,
    content     OID    NOT NULL,
    size_bytes  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL
);

CREATE FUNCTION unlink_app_repository() RETURNS trigger AS $$
BEGIN
    PERFORM lo_unlink(OLD.content);
    RETURN OLD;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER app_repositories_unlink AFTER DELETE ON app_repositories
    FOR EACH ROW EXECUTE FUNCTION unlink_app_repository();
