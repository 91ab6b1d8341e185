package dev.ferry.core.api;

/**
 * {@code POST /api/tokens}; the body may be empty.
 *
 * @param description what the token is for (default empty)
 */
public record TokenRequest(String description) {
}
