-- Add-ons (addons:create postgres|redis) and their attachments to apps (addons:attach). The URL with the add-on's
-- credentials is sealed with the config key (AES-256-GCM, bound to the owner app and the add-on's name). The owner's
-- attachment is the one made at creation; destroying the owner app forgets its add-ons.
CREATE TABLE addons (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          VARCHAR(64)  NOT NULL UNIQUE,
    kind          VARCHAR(32)  NOT NULL,
    plan          VARCHAR(64)  NOT NULL,
    owner_app_id  BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    resource      VARCHAR(128) NOT NULL,
    url_sealed    BLOB         NOT NULL,
    created_at    BIGINT       NOT NULL
);

CREATE TABLE addon_attachments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    addon_id    BIGINT       NOT NULL REFERENCES addons (id) ON DELETE CASCADE,
    app_id      BIGINT       NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    config_var  VARCHAR(255) NOT NULL,
    attached_at BIGINT       NOT NULL,
    UNIQUE (addon_id, app_id),
    UNIQUE (app_id, config_var)
);
