package dev.ferry.core.api;

/**
 * A user, in the admin's {@code GET /api/users} and as the answer of {@code POST /api/users}, which alone carries
 * the new user's first API token (shown once).
 *
 * @param id        the user's id
 * @param email     the e-mail address they log in with
 * @param admin     true for an admin
 * @param createdAt ISO-8601 UTC
 * @param token     the first token's secret (only when created)
 * @param tokenId   the first token's id (only when created)
 */
public record UserInfo(long id, String email, boolean admin, String createdAt, String token, String tokenId) {
}
