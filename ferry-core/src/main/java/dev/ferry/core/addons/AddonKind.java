package dev.ferry.core.addons;

import java.util.Locale;

/**
 * The services an add-on can be, with the config var an attachment sets when it is given no alias
 * ({@code DATABASE_URL}, {@code REDIS_URL}, as on Heroku).
 */
public enum AddonKind {
    POSTGRES("postgres", "DATABASE_URL"),
    REDIS("redis", "REDIS_URL");

    private final String code;
    private final String defaultConfigVar;

    AddonKind(String code, String defaultConfigVar) {
        this.code = code;
        this.defaultConfigVar = defaultConfigVar;
    }

    /** The name users type, as in {@code addons:create postgres}. */
    public String code() {
        return code;
    }

    /** The config var of an attachment without an alias. */
    public String defaultConfigVar() {
        return defaultConfigVar;
    }

    /**
     * The kind a user named ({@code postgres}, {@code postgresql}, {@code heroku-postgresql}, {@code redis}).
     *
     * @throws IllegalArgumentException naming the kinds there are
     */
    public static AddonKind parse(String text) {
        String name = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "postgres", "postgresql", "heroku-postgresql" -> POSTGRES;
            case "redis", "heroku-redis" -> REDIS;
            default -> throw new IllegalArgumentException("unknown add-on service '" + text
                    + "'; Ferry offers postgres and redis");
        };
    }
}
