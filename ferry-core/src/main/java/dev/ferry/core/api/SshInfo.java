package dev.ferry.core.api;

/**
 * {@code GET /api/ssh}: whether git over SSH is on, where it listens and its host key, for
 * {@code ferry git:remote --ssh}. When it is off, {@code port} and {@code hostKeyFingerprint} are JSON {@code null}.
 *
 * @param enabled            true when the platform serves git over SSH (default off)
 * @param port               the port it listens on
 * @param hostKeyFingerprint its host key's fingerprint, {@code SHA256:...}
 */
public record SshInfo(Boolean enabled, Integer port, String hostKeyFingerprint) {
}
