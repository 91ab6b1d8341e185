package dev.ferry.cli.addons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * An add-on of one service attached to an app, with the URL the app has in its config: what {@code pg:psql},
 * {@code pg:info} and {@code redis:cli} connect with. Chosen by name, or the app's only one of the service.
 */
record AttachedAddon(JsonNode addon, String configVar, URI url) {

    String name() {
        return addon.path("name").asText();
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
        JsonNode addons = api.get(ApiCommand.appPath(app, "/addons")).body();
        JsonNode config = api.get(ApiCommand.appPath(app, "/config")).body();
        List<AttachedAddon> found = new ArrayList<>();
        for (JsonNode a : addons) {
            if (!a.path("service").asText().equals(service) || (name != null && !a.path("name").asText().equals(name))) {
                continue;
            }
            for (JsonNode t : a.path("attachments")) {
                String var = t.path("configVar").asText();
                if (t.path("app").asText().equals(app) && config.hasNonNull(var)) {
                    found.add(new AttachedAddon(a, var, URI.create(config.path(var).asText())));
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
