-- SSH public keys for git over SSH. A key belongs to one user at most: the fingerprint (SHA256:...) is
-- unique, and git over SSH finds the pushing user by it. seq orders a user's keys by when they were added.
CREATE TABLE ssh_keys (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    fingerprint  VARCHAR(60)  NOT NULL UNIQUE,
    user_id      BIGINT       NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    public_key   TEXT         NOT NULL,
    comment      VARCHAR(200) NOT NULL,
    added_at     BIGINT       NOT NULL
);
CREATE INDEX ssh_keys_by_user ON ssh_keys (user_id);
