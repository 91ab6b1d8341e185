-- Apps whose certificates over ACME are turned off (certs:auto:disable): the issuer orders nothing for their hosts,
-- and the ACME certificates they have stay until they expire. No row: ACME is on for the app (the default).
CREATE TABLE acme_auto_off (
    app_id     BIGINT NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    changed_at BIGINT NOT NULL
);

-- The TLS-ALPN-01 challenges being answered (RFC 8737): for each host, the key authorization from which every
-- router makes the self-signed challenge certificate it serves for ALPN acme-tls/1 (no private key is stored).
CREATE TABLE acme_tls_alpn (
    host              VARCHAR(255)  PRIMARY KEY,
    key_authorization VARCHAR(1000) NOT NULL,
    created_at        BIGINT        NOT NULL
);
