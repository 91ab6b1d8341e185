-- The control plane's state (DESIGN.md §1, Store port). Times are epoch milliseconds. DDL is per
-- database (the PostgreSQL store has its own); the statements the store runs are portable SQL.

-- One known value sealed with the config key, so that opening with a wrong or missing key file fails
-- at once instead of on the first config read.
CREATE TABLE key_check (
    id      INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    sealed  BLOB    NOT NULL
);

CREATE TABLE users (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       VARCHAR(254) NOT NULL UNIQUE,
    is_admin    BOOLEAN      NOT NULL,
    created_at  BIGINT       NOT NULL
);

-- Only the SHA-256 of a token's secret is kept. seq orders tokens by creation.
CREATE TABLE api_tokens (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             VARCHAR(64)  NOT NULL UNIQUE,
    user_id        BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    secret_sha256  CHAR(64)     NOT NULL UNIQUE,
    description    VARCHAR(200) NOT NULL,
    created_at     BIGINT       NOT NULL,
    last_used_at   BIGINT
);
CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

-- AUTOINCREMENT: an id is never reused, because events keep the id of a destroyed app.
CREATE TABLE apps (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          VARCHAR(30) NOT NULL UNIQUE,
    owner_id      BIGINT      NOT NULL REFERENCES users (id),
    last_version  INTEGER     NOT NULL DEFAULT 0,
    created_at    BIGINT      NOT NULL
);
CREATE INDEX apps_by_owner ON apps (owner_id);

CREATE TABLE collaborators (
    app_id    BIGINT NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    user_id   BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    added_at  BIGINT NOT NULL,
    PRIMARY KEY (app_id, user_id)
);
CREATE INDEX collaborators_by_user ON collaborators (user_id);

-- sealed_value: AES-GCM of the value, the app name and var name bound as associated data.
CREATE TABLE config_vars (
    app_id        BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    name          VARCHAR(200) NOT NULL,
    sealed_value  BLOB         NOT NULL,
    PRIMARY KEY (app_id, name)
);

CREATE TABLE releases (
    app_id       BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    version      INTEGER      NOT NULL CHECK (version >= 1),
    description  VARCHAR(500) NOT NULL,
    status       VARCHAR(16)  NOT NULL CHECK (status IN ('PENDING', 'SUCCEEDED', 'FAILED')),
    slug_id      VARCHAR(200),
    created_by   BIGINT       NOT NULL REFERENCES users (id),
    created_at   BIGINT       NOT NULL,
    PRIMARY KEY (app_id, version)
);

CREATE TABLE release_config_vars (
    app_id        BIGINT       NOT NULL,
    version       INTEGER      NOT NULL,
    name          VARCHAR(200) NOT NULL,
    sealed_value  BLOB         NOT NULL,
    PRIMARY KEY (app_id, version, name),
    FOREIGN KEY (app_id, version) REFERENCES releases (app_id, version) ON DELETE CASCADE
);

CREATE TABLE release_process_types (
    app_id        BIGINT      NOT NULL,
    version       INTEGER     NOT NULL,
    process_type  VARCHAR(63) NOT NULL,
    command       TEXT        NOT NULL,
    PRIMARY KEY (app_id, version, process_type),
    FOREIGN KEY (app_id, version) REFERENCES releases (app_id, version) ON DELETE CASCADE
);

-- Releases are immutable: only a PENDING status may change, and nothing else.
CREATE TRIGGER releases_are_immutable BEFORE UPDATE ON releases
WHEN NOT (OLD.status = 'PENDING' AND NEW.app_id = OLD.app_id AND NEW.version = OLD.version
          AND NEW.description = OLD.description AND NEW.slug_id IS OLD.slug_id
          AND NEW.created_by = OLD.created_by AND NEW.created_at = OLD.created_at)
BEGIN
    SELECT RAISE(ABORT, 'releases are immutable');
END;

CREATE TRIGGER release_config_vars_are_immutable BEFORE UPDATE ON release_config_vars
BEGIN
    SELECT RAISE(ABORT, 'releases are immutable');
END;

CREATE TRIGGER release_process_types_are_immutable BEFORE UPDATE ON release_process_types
BEGIN
    SELECT RAISE(ABORT, 'releases are immutable');
END;

CREATE TABLE formation (
    app_id        BIGINT      NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    process_type  VARCHAR(63) NOT NULL,
    quantity      INTEGER     NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (app_id, process_type)
);

-- A custom domain belongs to one app at most: the host name is the key.
CREATE TABLE domains (
    hostname    VARCHAR(253) NOT NULL PRIMARY KEY,
    app_id      BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    created_at  BIGINT       NOT NULL
);
CREATE INDEX domains_by_app ON domains (app_id);

-- The audit trail outlives apps and users, so it has no foreign keys.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    app_id       BIGINT,
    app_name     VARCHAR(30),
    actor_id     BIGINT,
    actor_email  VARCHAR(254),
    action       VARCHAR(40) NOT NULL,
    detail       TEXT        NOT NULL,
    created_at   BIGINT      NOT NULL
);
CREATE INDEX events_by_app ON events (app_id, id);
