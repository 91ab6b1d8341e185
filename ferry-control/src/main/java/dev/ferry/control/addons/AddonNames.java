package dev.ferry.control.addons;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.store.ConfigVars;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * The names of add-ons and of their config vars: a generated add-on name ({@code postgres-amber-4821}) when none is
 * given, and the config var of an alias ({@code --as ANALYTICS} sets {@code ANALYTICS_URL}).
 */
final class AddonNames {

    private static final List<String> WORDS = List.of("amber", "birch", "cedar", "delta", "ember", "fjord", "grove",
            "harbor", "indigo", "juniper", "kestrel", "linden", "maple", "nimbus", "opal", "pine", "quartz", "river",
            "sierra", "tundra", "umber", "violet", "willow", "yarrow");
    private static final SecureRandom RANDOM = new SecureRandom();

    private AddonNames() {
    }

    static String generate(AddonKind kind) {
        return kind.code() + "-" + WORDS.get(RANDOM.nextInt(WORDS.size())) + "-" + (1000 + RANDOM.nextInt(9000));
    }

    /** The add-on name a user gave, checked. */
    static String checked(String name) {
        try {
            return Addon.requireValidName(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }

    /** {@code DATABASE_URL}/{@code REDIS_URL} without an alias, else {@code <ALIAS>_URL} (an alias ending in _URL is kept). */
    static String configVar(AddonKind kind, String alias) {
        if (alias == null || alias.isBlank()) {
            return kind.defaultConfigVar();
        }
        String upper = alias.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        String var = upper.endsWith("_URL") ? upper : upper + "_URL";
        try {
            return ConfigVars.requireValidName(var);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("invalid alias '" + alias + "': " + e.getMessage());
        }
    }
}
