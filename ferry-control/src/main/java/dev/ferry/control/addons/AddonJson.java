package dev.ferry.control.addons;

import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.api.AddonAttachmentInfo;
import dev.ferry.core.api.AddonInfo;

/**
 * The API's records of an add-on ({@code keyPrefix} only for Redis, {@code server} only when known) and of an
 * attachment. Never its credentials: those reach only the attached apps' config.
 */
final class AddonJson {

    private AddonJson() {
    }

    static AddonInfo of(Addon addon, String server) {
        return new AddonInfo(addon.name(), addon.kind().code(), addon.plan(), addon.owner().value(), addon.resource(),
                addon.kind() == AddonKind.REDIS ? addon.resource() + ":" : null, server, addon.createdAt().toString(),
                addon.attachments().stream().map(AddonJson::of).toList());
    }

    static AddonAttachmentInfo of(AddonAttachment attachment) {
        return new AddonAttachmentInfo(attachment.app().value(), attachment.configVar());
    }
}
