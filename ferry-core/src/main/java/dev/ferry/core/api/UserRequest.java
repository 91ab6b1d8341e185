package dev.ferry.core.api;

/**
 * {@code POST /api/users} (admins only).
 *
 * @param email the new user's e-mail address (required)
 * @param admin whether they are an admin (default false)
 */
public record UserRequest(String email, Boolean admin) {
}
