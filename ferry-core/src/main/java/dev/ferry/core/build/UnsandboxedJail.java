package dev.ferry.core.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@link BuildSandbox#unsandboxed()}: commands run as Ferry's own user, seeing host paths as they are. */
final class UnsandboxedJail implements BuildJail {

    private final Path src;

    UnsandboxedJail(Path src) {
        this.src = src;
    }

    @Override
    public String visiblePath(Path hostPath) {
        return hostPath.toString();
    }

    @Override
    public ProcessBuilder command(List<String> argv, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(argv).directory(src.toFile());
        builder.environment().putAll(env);
        return builder;
    }

    @Override
    public void close() {
        // the command runner kills each command's process tree when it ends; nothing else is tracked here
    }
}
