package dev.ferry.runtime.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code PATH} of an instance or one-off process: the app's own {@code bin}, then, in the order of Ferry's
 * {@code PATH}, the system directories and only those other directories that hold a program the release's
 * commands name ({@code node} of {@code web: node server.js} in {@code /opt/node/bin}). Ferry's {@code PATH}
 * names whatever its user installed ({@code /root/.cargo/bin}, {@code /root/.pyenv/shims}); an app sees only the
 * runtimes it runs. When a command names {@code java} and {@code JAVA_HOME} is set, {@code $JAVA_HOME/bin} comes
 * first: the JDK that built the app (Maven and Gradle run on {@code JAVA_HOME}) runs it too.
 */
final class InstancePath {

    /** Shown whenever Ferry's PATH has them; added when it has none of them. */
    static final List<String> SYSTEM_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin",
            "/sbin", "/bin");
    private static final String FALLBACK = "/usr/local/bin:/usr/bin:/bin";
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

    private InstancePath() {
    }

    /**
     * @param appPath  the app's directory as the process sees it ({@code /app} in the sandbox)
     * @param hostPath Ferry's own {@code PATH}
     * @param javaHome Ferry's {@code JAVA_HOME}, or {@code null}
     * @param commands the release's process commands (and a one-off's command)
     */
    static String of(String appPath, String hostPath, String javaHome, Collection<String> commands) {
        Set<String> programs = programs(commands);
        Set<String> dirs = new LinkedHashSet<>();
        dirs.add(appPath + "/bin");
        if (programs.contains("java") && javaHome != null && !javaHome.isBlank()
                && Files.isExecutable(Path.of(javaHome, "bin", "java"))) {
            dirs.add(Path.of(javaHome, "bin").toString());
        }
        boolean anySystem = false;
        for (String dir : (hostPath == null || hostPath.isBlank() ? FALLBACK : hostPath).split(File.pathSeparator)) {
            if (dir.isBlank() || !dir.startsWith("/")) {
                continue;
            }
            if (SYSTEM_DIRS.contains(dir)) {
                dirs.add(dir);
                anySystem = true;
            } else if (holdsAny(dir, programs)) {
                dirs.add(dir);
            }
        }
        if (!anySystem) {
            dirs.addAll(List.of(FALLBACK.split(":")));
        }
        return String.join(File.pathSeparator, dirs);
    }

    /** The words of the commands that may name a program on PATH (no options, paths, variables or quotes). */
    static Set<String> programs(Collection<String> commands) {
        Set<String> programs = new LinkedHashSet<>();
        for (String command : commands) {
            for (String word : command.split("[\\s;&|()'\"`=]+")) {
                if (PROGRAM.matcher(word).matches()) {
                    programs.add(word);
                }
            }
        }
        return programs;
    }

    private static boolean holdsAny(String dir, Set<String> programs) {
        List<Path> candidates = new ArrayList<>();
        for (String program : programs) {
            candidates.add(Path.of(dir, program));
        }
        return candidates.stream().anyMatch(p -> Files.isRegularFile(p) && Files.isExecutable(p));
    }
}
