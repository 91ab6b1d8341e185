-- SQLite's V17 with PostgreSQL's types: the platform's own certificates, owned by no app (the wildcard *.<domain>
-- ordered over DNS-01), their keys sealed with the config key, and the last failure of their orders.
CREATE TABLE platform_certificates (
    name        VARCHAR(255)  PRIMARY KEY,
    owner       VARCHAR(255)  NOT NULL,
    host_names  VARCHAR(8000) NOT NULL,
    subject     VARCHAR(2000) NOT NULL,
    issuer      VARCHAR(2000) NOT NULL,
    not_before  BIGINT        NOT NULL,
    not_after   BIGINT        NOT NULL,
    fingerprint VARCHAR(100)  NOT NULL,
    chain_pem   TEXT          NOT NULL,
    key_sealed  BYTEA         NOT NULL,
    added_at    BIGINT        NOT NULL
);

CREATE TABLE platform_certificate_status (
    name            VARCHAR(255) PRIMARY KEY,
    failures        INTEGER      NOT NULL,
    last_failure    TEXT         NOT NULL,
    last_failure_at BIGINT       NOT NULL
);
