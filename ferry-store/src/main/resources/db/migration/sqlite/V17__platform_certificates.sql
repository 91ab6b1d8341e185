-- The platform's own certificates, owned by no app: the wildcard *.<domain> of the apps' domain that the ACME issuer
-- orders over DNS-01. Every router of the store serves it; its key is sealed with the config key like apps'
-- certificates' keys (bound to the owner marker and the name). The status table keeps the last failure of the order
-- for admins (GET /api/certs/platform, ferry certs --platform); a failure never removes a certificate.
CREATE TABLE platform_certificates (
    name        TEXT    PRIMARY KEY,
    owner       TEXT    NOT NULL,
    host_names  TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    issuer      TEXT    NOT NULL,
    not_before  INTEGER NOT NULL,
    not_after   INTEGER NOT NULL,
    fingerprint TEXT    NOT NULL,
    chain_pem   TEXT    NOT NULL,
    key_sealed  BLOB    NOT NULL,
    added_at    INTEGER NOT NULL
);

CREATE TABLE platform_certificate_status (
    name            TEXT    PRIMARY KEY,
    failures        INTEGER NOT NULL,
    last_failure    TEXT    NOT NULL,
    last_failure_at INTEGER NOT NULL
);
