package dev.ferry.core.api;

/**
 * {@code POST /api/apps}: the body may be empty.
 *
 * @param name the new app's name; {@code null} lets Ferry pick a readable random one
 */
public record AppCreateRequest(String name) {
}
