package dev.ferry.core.api;

/**
 * {@code POST /api/apps/{app}/addons}: a new add-on, attached to the app.
 *
 * @param service {@code postgres} or {@code redis} (required)
 * @param name    the add-on's name (default: one made from the app and the service)
 * @param plan    the plan (default: the platform's default plan)
 * @param as      the alias of the config var, {@code ALIAS_URL} (default: {@code DATABASE_URL} / {@code REDIS_URL})
 */
public record AddonCreateRequest(String service, String name, String plan, String as) {
}
