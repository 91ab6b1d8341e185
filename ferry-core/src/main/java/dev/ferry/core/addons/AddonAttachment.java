package dev.ferry.core.addons;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ConfigVars;
import java.util.Objects;

/** An add-on made available to an app under a config var ({@code DATABASE_URL}, or {@code <ALIAS>_URL}). */
public record AddonAttachment(AppName app, String configVar) {

    public AddonAttachment {
        Objects.requireNonNull(app, "app");
        ConfigVars.requireValidName(configVar);
    }
}
