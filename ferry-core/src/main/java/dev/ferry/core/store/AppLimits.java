package dev.ferry.core.store;

/**
 * How much one app may hold in the {@link Store}, checked in the same transaction as the write, so that a
 * change over a limit is refused with {@link LimitExceeded} and writes nothing. {@code ferry up} sets them with
 * {@code --max-config-vars}, {@code --max-config-size}, {@code --max-domains} and {@code --max-drains}.
 *
 * @param maxConfigVars  config vars per app; default {@value #DEFAULT_MAX_CONFIG_VARS}
 * @param maxConfigBytes the config vars of an app together, names and values in UTF-8; default
 *                       {@value #DEFAULT_MAX_CONFIG_BYTES} (32 KiB, Heroku's limit)
 * @param maxDomains     custom domains per app; default {@value #DEFAULT_MAX_DOMAINS}
 * @param maxDrains      log drains per app; default {@value #DEFAULT_MAX_DRAINS}
 */
public record AppLimits(int maxConfigVars, int maxConfigBytes, int maxDomains, int maxDrains) {

    public static final int DEFAULT_MAX_CONFIG_VARS = 500;
    public static final int DEFAULT_MAX_CONFIG_BYTES = 32 * 1024;
    public static final int DEFAULT_MAX_DOMAINS = 100;
    public static final int DEFAULT_MAX_DRAINS = 10;

    /** The defaults. */
    public static final AppLimits DEFAULT = new AppLimits(DEFAULT_MAX_CONFIG_VARS, DEFAULT_MAX_CONFIG_BYTES,
            DEFAULT_MAX_DOMAINS, DEFAULT_MAX_DRAINS);

    public AppLimits {
        if (maxConfigVars < 1 || maxConfigBytes < 1 || maxDomains < 0 || maxDrains < 0) {
            throw new IllegalArgumentException("app limits must be positive (domains and drains may be 0): "
                    + maxConfigVars + " config vars, " + maxConfigBytes + " bytes of config, " + maxDomains
                    + " domains, " + maxDrains + " drains");
        }
    }

    /** The bytes {@code vars} count against {@link #maxConfigBytes}: each name and value in UTF-8. */
    public static long configBytes(ConfigVars vars) {
        long bytes = 0;
        for (var e : vars.asMap().entrySet()) {
            bytes += utf8Length(e.getKey()) + utf8Length(e.getValue());
        }
        return bytes;
    }

    private static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** The limits with another count of config vars. */
    public AppLimits withMaxConfigVars(int n) {
        return new AppLimits(n, maxConfigBytes, maxDomains, maxDrains);
    }

    /** The limits with another size of config. */
    public AppLimits withMaxConfigBytes(int n) {
        return new AppLimits(maxConfigVars, n, maxDomains, maxDrains);
    }

    /** The limits with another count of custom domains. */
    public AppLimits withMaxDomains(int n) {
        return new AppLimits(maxConfigVars, maxConfigBytes, n, maxDrains);
    }

    /** The limits with another count of drains. */
    public AppLimits withMaxDrains(int n) {
        return new AppLimits(maxConfigVars, maxConfigBytes, maxDomains, n);
    }
}
