-- SQLite's V10 with PostgreSQL's types. ACME certificates (docs/decisions/028-acme.md): where each certificate came
-- from (a user's certs:add or the ACME issuer, which never replaces a user's), the HTTP-01 challenges being answered
-- by every router, and each host's last ACME outcome with its backoff.
ALTER TABLE certificates ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'user';

CREATE TABLE acme_challenges (
    token             VARCHAR(255)  PRIMARY KEY,
    key_authorization VARCHAR(1000) NOT NULL,
    created_at        BIGINT        NOT NULL
);

CREATE TABLE acme_hosts (
    app_id          BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    host            VARCHAR(255)  NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    message         VARCHAR(2000) NOT NULL,
    failures        INTEGER       NOT NULL,
    next_attempt_at BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    PRIMARY KEY (app_id, host)
);
