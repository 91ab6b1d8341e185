package dev.ferry.core.api;

/**
 * {@code POST /api/addons/{name}/attachments}: attaches an existing add-on to another app.
 *
 * @param app the app (required)
 * @param as  the alias of the config var, {@code ALIAS_URL} (default: the service's own var)
 */
public record AddonAttachRequest(String app, String as) {
}
