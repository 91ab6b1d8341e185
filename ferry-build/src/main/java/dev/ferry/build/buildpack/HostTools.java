package dev.ferry.build.buildpack;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtimes installed on the host, which buildpacks build with and the runtime runs apps with: where a
 * tool is on {@code PATH} and which major version of Node.js and Java it is.
 */
final class HostTools {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"?(1\\.)?(\\d+)");
    private static final Pattern FIRST_NUMBER = Pattern.compile("(\\d+)");

    private HostTools() {
    }

    /** The executable {@code name} on {@code PATH}, if any. */
    static Optional<Path> onPath(String name) {
        return onPath(name, System.getenv("PATH"));
    }

    /** The executable {@code name} in one of the directories of {@code path} (a {@code PATH} value), if any. */
    static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * The major version of the JDK a build uses: {@code JAVA_HOME}'s when it is set (Maven, its wrapper and Gradle
     * run on it, and the build's environment keeps it), else that of the {@code java} on {@code PATH}; read from the
     * JDK's {@code release} file (no JVM is started); empty when there is none or it cannot be read.
     */
    static OptionalInt javaMajor() {
        return javaMajor(System.getenv("JAVA_HOME"), System.getenv("PATH"));
    }

    /** {@link #javaMajor()} for the given {@code JAVA_HOME} (or {@code null}) and {@code PATH}. */
    static OptionalInt javaMajor(String javaHome, String path) {
        if (javaHome != null && !javaHome.isBlank()) {
            OptionalInt fromHome = releaseMajor(Path.of(javaHome));
            if (fromHome.isPresent()) {
                return fromHome;
            }
        }
        Optional<Path> java = onPath("java", path);
        if (java.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return releaseMajor(java.get().toRealPath().getParent().getParent());
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt releaseMajor(Path home) {
        try {
            Path release = home.resolve("release");
            if (!Files.isRegularFile(release)) {
                return OptionalInt.empty();
            }
            Matcher m = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return m.find() ? OptionalInt.of(Integer.parseInt(m.group(2))) : OptionalInt.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    /** The version {@code node --version} prints, such as {@code v20.11.1}; empty when node is missing. */
    static Optional<String> nodeVersion() {
        if (onPath("node").isEmpty()) {
            return Optional.empty();
        }
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.of(out);
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first whole number in {@code text} ({@code "v20.1.0"} → 20, {@code "1.8"} → 1); empty when none. */
    static OptionalInt firstNumber(String text) {
        Matcher m = FIRST_NUMBER.matcher(text);
        if (!m.find() || m.group(1).length() > 6) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }

    /**
     * Whether a host of major version {@code hostMajor} meets the pin {@code range}, judged on major versions
     * only: {@code >=N} / {@code >N} need at least N, {@code <N} / {@code <=N} at most N, and anything else
     * ({@code N}, {@code N.x}, {@code ^N.2}, {@code ~N}) exactly N. Alternatives with {@code ||} are each
     * tried; a range it cannot read is met.
     */
    static boolean meets(String range, int hostMajor) {
        for (String alternative : range.split("\\|\\|")) {
            String a = alternative.strip();
            if (a.isEmpty() || a.equals("*") || a.equalsIgnoreCase("x") || a.equalsIgnoreCase("latest")) {
                return true;
            }
            OptionalInt n = firstNumber(a);
            if (n.isEmpty()) {
                return true;
            }
            boolean ok;
            if (a.startsWith(">")) {
                ok = hostMajor >= n.getAsInt();
            } else if (a.startsWith("<=")) {
                ok = hostMajor <= n.getAsInt();
            } else if (a.startsWith("<")) {
                ok = hostMajor < n.getAsInt() || (hostMajor == n.getAsInt() && !a.matches("<\\s*\\d+(\\.0)*"));
            } else {
                ok = hostMajor == n.getAsInt();
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }
}
