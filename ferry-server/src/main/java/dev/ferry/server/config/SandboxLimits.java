package dev.ferry.server.config;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The limits of apps' instances and builds in the local runtime's sandbox, part of {@link FerryConfig}; each has
 * a flag of {@code ferry up} and an environment variable.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><td>pids</td><td>512 processes and threads per instance ({@code --pids-limit}); beyond, {@code fork} fails</td></tr>
 *   <tr><td>pidsByType</td><td>none: a per-process-type override such as {@code worker=2048} ({@code --pids-limit-per-type})</td></tr>
 *   <tr><td>tmpBytes</td><td>64 MiB, the tmpfs of an instance's {@code /tmp} ({@code --tmp-size}), counted in its memory</td></tr>
 *   <tr><td>appDiskBytes</td><td>1 GiB in an instance's {@code /app} ({@code --app-disk-limit}): no file beyond it, and an
 *       instance holding more is restarted on a fresh copy of its release</td></tr>
 *   <tr><td>buildMemoryBytes</td><td>1 GiB for all the commands of one build ({@code --build-memory})</td></tr>
 *   <tr><td>buildPids</td><td>512 processes and threads per build ({@code --build-pids-limit})</td></tr>
 * </table>
 */
public record SandboxLimits(int pids, Map<String, Integer> pidsByType, long tmpBytes, long appDiskBytes,
                            long buildMemoryBytes, int buildPids) {

    public static final SandboxLimits DEFAULTS = new SandboxLimits(512, Map.of(), 64L * 1024 * 1024,
            1024L * 1024 * 1024, 1024L * 1024 * 1024, 512);

    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final long MIB = 1024 * 1024;

    public SandboxLimits {
        checkPids("--pids-limit", pids);
        checkPids("--build-pids-limit", buildPids);
        pidsByType = Map.copyOf(Objects.requireNonNull(pidsByType, "pidsByType"));
        pidsByType.forEach((type, n) -> {
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("'" + type + "' is not a process type (letters, digits, '_' and '-')");
            }
            checkPids("the pids limit of " + type, n);
        });
        if (tmpBytes < MIB || appDiskBytes < MIB || buildMemoryBytes < 4 * MIB) {
            throw new IllegalArgumentException("the /tmp size and the /app disk limit must be at least 1 MiB, the build"
                    + " memory at least 4 MiB");
        }
    }

    private static void checkPids(String what, int n) {
        if (n < 8 || n > 4_194_304) {
            throw new IllegalArgumentException(what + " must be 8 to 4194304 processes, got " + n);
        }
    }

    /**
     * Reads {@code web=1024,worker=256} into process type → pids limit.
     *
     * @throws IllegalArgumentException with the end of a sentence saying what is expected
     */
    static Map<String, Integer> parsePerType(String text) {
        Map<String, Integer> limits = new java.util.LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 1 || !TYPE.matcher(p.substring(0, eq).strip()).matches()
                    || !p.substring(eq + 1).strip().matches("[0-9]{1,7}")) {
                throw new IllegalArgumentException("is not a list such as web=1024,worker=256");
            }
            limits.put(p.substring(0, eq).strip(), Integer.parseInt(p.substring(eq + 1).strip()));
        }
        return limits;
    }
}
