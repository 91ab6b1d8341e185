-- TLS certificates of apps (certs:add, later ACME) and the apps' HTTPS settings (https:force, https:hsts).
-- The private key is sealed with the config key (AES-256-GCM, bound to the app and the certificate's name).
CREATE TABLE certificates (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    app_id       BIGINT        NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    name         VARCHAR(255)  NOT NULL,
    host_names   VARCHAR(8000) NOT NULL,
    subject      VARCHAR(2000) NOT NULL,
    issuer       VARCHAR(2000) NOT NULL,
    not_before   BIGINT        NOT NULL,
    not_after    BIGINT        NOT NULL,
    fingerprint  VARCHAR(100)  NOT NULL,
    chain_pem    TEXT          NOT NULL,
    key_sealed   BLOB          NOT NULL,
    added_at     BIGINT        NOT NULL,
    UNIQUE (app_id, name)
);

CREATE TABLE app_https (
    app_id                  BIGINT  PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    force_https             BOOLEAN NOT NULL,
    hsts_max_age            BIGINT  NOT NULL,
    hsts_include_subdomains BOOLEAN NOT NULL
);
