package dev.ferry.core.api;

/**
 * {@code PATCH /api/apps/{app}} ({@code ferry apps:rename}).
 *
 * @param name the app's new name, under the same rules as a new app's
 */
public record AppRenameRequest(String name) {
}
