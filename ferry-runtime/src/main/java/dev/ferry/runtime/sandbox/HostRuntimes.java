package dev.ferry.runtime.sandbox;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the host directories a sandbox shows read-only besides the system ones: the language runtimes on
 * Ferry's PATH that live outside {@code /usr} (e.g. {@code /root/.pyenv}, {@code /opt/node}) and
 * {@code JAVA_HOME}. A PATH entry under a home directory or {@code /opt} exposes its top directory there
 * ({@code /root/.pyenv/shims} → {@code /root/.pyenv}), because version managers keep the real binaries beside
 * their shims. Anything inside Ferry's own data directory is never exposed.
 */
public final class HostRuntimes {

    /** Shown as a whole by the sandbox; runtimes below these need no extra mount. */
    static final List<String> SYSTEM_DIRS = List.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
            "/etc");

    private HostRuntimes() {
    }

    /** The directories to mount read-only, existing ones only, outside {@code hidden}. */
    public static List<Path> find(String pathVariable, String javaHome, Path hidden) {
        Set<Path> dirs = new LinkedHashSet<>();
        if (pathVariable != null) {
            for (String entry : pathVariable.split(File.pathSeparator)) {
                if (!entry.isBlank() && entry.startsWith("/")) {
                    dirs.add(topOf(Path.of(entry).normalize()));
                }
            }
        }
        if (javaHome != null && !javaHome.isBlank()) {
            dirs.add(Path.of(javaHome).normalize());
        }
        Path hiddenAbs = hidden.toAbsolutePath().normalize();
        return dirs.stream()
                .filter(d -> SYSTEM_DIRS.stream().noneMatch(s -> d.startsWith(s)))
                .filter(d -> !d.equals(Path.of("/")) && Files.isDirectory(d))
                .filter(d -> !hiddenAbs.startsWith(d) && !d.startsWith(hiddenAbs))
                .toList();
    }

    private static Path topOf(Path entry) {
        if (entry.getNameCount() >= 2 && entry.startsWith("/root")) {
            return Path.of("/").resolve(entry.subpath(0, 2));
        }
        if (entry.getNameCount() >= 3 && entry.startsWith("/home")) {
            return Path.of("/").resolve(entry.subpath(0, 3));
        }
        if (entry.getNameCount() >= 2 && entry.startsWith("/opt")) {
            return Path.of("/").resolve(entry.subpath(0, 2));
        }
        return entry;
    }
}
