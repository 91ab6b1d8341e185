package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/collaborators}.
 *
 * @param email the e-mail address of an existing user to give access to the app (required)
 */
public record CollaboratorRequest(String email) {
}
