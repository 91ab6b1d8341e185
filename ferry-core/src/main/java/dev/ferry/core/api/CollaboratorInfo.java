package dev.ferry.core.api;

/**
 * Someone who may use an app, in {@code GET /api/apps/{app}/collaborators}, as the answer of adding one, and in
 * {@link AppDetail}.
 *
 * @param email their e-mail address
 * @param role  {@code owner} or {@code collaborator}
 * @param since ISO-8601 UTC
 */
public record CollaboratorInfo(String email, String role, String since) {
}
