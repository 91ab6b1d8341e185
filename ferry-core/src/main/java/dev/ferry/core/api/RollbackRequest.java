package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/releases/rollback}: roll back to release {@code version}, or, when it is absent, to
 * the succeeded release before the current one. The API answers the new release as a {@link ReleaseInfo}.
 *
 * @param version the release to roll back to, 1 or more; {@code null} for the previous one
 */
public record RollbackRequest(Integer version) {
}
