package dev.ferry.core.api;

import java.util.List;

/**
 * An add-on, never its credentials (those reach only the attached apps' config): in {@code GET /api/addons},
 * {@code GET /api/apps/{app}/addons}, {@code GET /api/addons/{name}} and as the answer of creating one.
 *
 * @param name        the add-on's name, unique on the platform
 * @param service     {@code postgres} or {@code redis}
 * @param plan        the plan it was created with
 * @param app         the app that owns it
 * @param resource    the database or user name on its server
 * @param keyPrefix   Redis only: the prefix every key and channel must start with; absent otherwise
 * @param server      the server it lives on, {@code host:port}; absent when not known
 * @param createdAt   ISO-8601 UTC
 * @param attachments the apps it is attached to, each with its config var
 */
public record AddonInfo(String name, String service, String plan, String app, String resource, String keyPrefix,
                        String server, String createdAt, List<AddonAttachmentInfo> attachments) {

    public AddonInfo {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
