package dev.ferry.cli.addons;

import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.core.api.AddonAttachmentInfo;
import dev.ferry.core.api.AddonInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An add-on of one service attached to an app, with the URL the app has in its config: what {@code pg:psql},
 * {@code pg:info} and {@code redis:cli} connect with. Chosen by name, or the app's only one of the service.
 */
record AttachedAddon(AddonInfo addon, String configVar, URI url) {

    String name() {
        return addon.name();
    }

    String user() {
        String info = url.getRawUserInfo();
        return info == null ? "" : info.split(":", 2)[0];
    }

    String password() {
        String info = url.getRawUserInfo();
        return info == null || !info.contains(":") ? "" : info.split(":", 2)[1];
    }

    /** The app's add-ons of {@code service}, or only {@code name} when given. */
    static List<AttachedAddon> of(ApiClient api, String app, String service, String name) {
        AddonInfo[] addons = api.typed(() -> api.addons().list(app)).value();
        Map<String, String> config = api.typed(() -> api.config().get(app));
        List<AttachedAddon> found = new ArrayList<>();
        for (AddonInfo a : addons) {
            if (!service.equals(a.service()) || (name != null && !name.equals(a.name()))) {
                continue;
            }
            for (AddonAttachmentInfo t : a.attachments()) {
                String url = config.get(t.configVar());
                if (app.equals(t.app()) && url != null) {
                    found.add(new AttachedAddon(a, t.configVar(), URI.create(url)));
                }
            }
        }
        if (found.isEmpty()) {
            throw new CliFailure(name != null ? app + " has no " + service + " add-on named " + name
                    : app + " has no " + service + " add-on (create one with: ferry addons:create " + service + " -a "
                    + app + ")");
        }
        return found;
    }

    /** The one add-on of {@code service}: the named one, or the only one. */
    static AttachedAddon one(ApiClient api, String app, String service, String name) {
        List<AttachedAddon> found = of(api, app, service, name);
        if (found.size() > 1) {
            throw new CliFailure(app + " has several " + service + " add-ons; name one of: "
                    + String.join(", ", found.stream().map(AttachedAddon::name).toList()));
        }
        return found.getFirst();
    }
}
