package dev.ferry.core.store;

/**
 * A change would take an app over one of its {@link AppLimits}; nothing was written. Codes:
 * {@code too_many_config_vars}, {@code config_too_large}, {@code too_many_domains}, {@code too_many_drains}.
 */
public final class LimitExceeded extends StoreException {

    private LimitExceeded(String code, String message) {
        super(code, message);
    }

    public static LimitExceeded configVars(AppName app, int wouldHave, int max) {
        return new LimitExceeded("too_many_config_vars", "The app " + app + " would have " + wouldHave
                + " config vars; at most " + max + " are allowed. Nothing was changed.");
    }

    public static LimitExceeded configBytes(AppName app, long wouldHave, int max) {
        return new LimitExceeded("config_too_large", "The config vars of " + app + " would take " + wouldHave
                + " bytes; at most " + max + " bytes (names and values together) are allowed. Nothing was changed.");
    }

    public static LimitExceeded domains(AppName app, int max) {
        return new LimitExceeded("too_many_domains", "The app " + app + " has " + max
                + " custom domains, the most allowed; remove one first.");
    }

    public static LimitExceeded drains(AppName app, int max) {
        return new LimitExceeded("too_many_drains", "The app " + app + " has " + max
                + " log drains, the most allowed; remove one first.");
    }
}
