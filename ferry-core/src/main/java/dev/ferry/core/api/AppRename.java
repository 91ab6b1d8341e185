package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/rename}: gives an app a new name, under the same rules as a new app's name; its
 * {@code <app>.<domain>} host moves with it.
 *
 * @param name the new name
 */
public record AppRename(String name) {
}
