package dev.ferry.core.api;

/**
 * {@code POST /api/keys}.
 *
 * @param publicKey an OpenSSH public key line, {@code ssh-ed25519 AAAA... comment} (required)
 */
public record SshKeyRequest(String publicKey) {
}
