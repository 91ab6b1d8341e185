package dev.ferry.core.api;

/**
 * An add-on's attachment to an app: in {@link AddonInfo#attachments()} and as the answer of attaching or detaching.
 *
 * @param app       the app
 * @param configVar the config var that holds the add-on's URL in the app (e.g. {@code DATABASE_URL})
 */
public record AddonAttachmentInfo(String app, String configVar) {
}
