-- Apps whose certificates over ACME are turned off (certs:auto:disable): the issuer orders nothing for their hosts,
-- and the ACME certificates they have stay until they expire. No row: ACME is on for the app (the default).
CREATE TABLE acme_auto_off (
    app_id     BIGINT NOT NULL PRIMARY KEY REFERENCES apps (id) ON DELETE CASCADE,
    changed_at BIGINT NOT NULL
);
