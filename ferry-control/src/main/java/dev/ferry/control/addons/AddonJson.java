package dev.ferry.control.addons;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.json.Json;
import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonAttachment;
import dev.ferry.core.addons.AddonKind;

/**
 * The JSON of an add-on: {@code name}, {@code service}, {@code plan}, {@code app} (its owner), {@code resource},
 * {@code keyPrefix} (Redis), {@code server}, {@code createdAt} and {@code attachments} ({@code [{"app","configVar"}]}).
 * Never its credentials: those reach only the attached apps' config.
 */
final class AddonJson {

    private AddonJson() {
    }

    static ObjectNode of(Addon addon, String server) {
        ObjectNode n = Json.object();
        n.put("name", addon.name());
        n.put("service", addon.kind().code());
        n.put("plan", addon.plan());
        n.put("app", addon.owner().value());
        n.put("resource", addon.resource());
        if (addon.kind() == AddonKind.REDIS) {
            n.put("keyPrefix", addon.resource() + ":");
        }
        if (server != null) {
            n.put("server", server);
        }
        n.put("createdAt", addon.createdAt().toString());
        ArrayNode attachments = n.putArray("attachments");
        for (AddonAttachment a : addon.attachments()) {
            attachments.add(of(a));
        }
        return n;
    }

    static ObjectNode of(AddonAttachment attachment) {
        ObjectNode n = Json.object();
        n.put("app", attachment.app().value());
        n.put("configVar", attachment.configVar());
        return n;
    }
}
