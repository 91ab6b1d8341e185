package dev.ferry.core.api;

/**
 * One of the caller's SSH keys, in {@code GET /api/keys} and as the answer of adding one.
 *
 * @param fingerprint {@code SHA256:...}
 * @param type        {@code ssh-ed25519}, {@code ssh-rsa}, ...
 * @param comment     the key's comment, often {@code user@host}; may be empty
 * @param addedAt     ISO-8601 UTC
 */
public record SshKeyInfo(String fingerprint, String type, String comment, String addedAt) {
}
