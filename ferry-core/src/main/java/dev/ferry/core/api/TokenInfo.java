package dev.ferry.core.api;

/**
 * One of the caller's API tokens, in {@code GET /api/tokens} and as the answer of {@code POST /api/tokens}, which
 * alone carries its secret (shown once). Unlike most records, a {@code null} {@code lastUsedAt} is written as JSON
 * {@code null}; a {@code null} {@code secret} is left out.
 *
 * @param id          the token's id, to revoke it by
 * @param description what it is for; may be empty
 * @param createdAt   ISO-8601 UTC
 * @param lastUsedAt  ISO-8601 UTC; {@code null} when never used
 * @param secret      the bearer secret (only when created)
 */
public record TokenInfo(String id, String description, String createdAt, String lastUsedAt, String secret) {
}
