-- The fingerprint of the config key (sha256:<16 hex digits>), shown when a store is opened with another key.
-- Databases made before this column get it on their next open with the right key.
ALTER TABLE key_check ADD COLUMN fingerprint VARCHAR(80);
