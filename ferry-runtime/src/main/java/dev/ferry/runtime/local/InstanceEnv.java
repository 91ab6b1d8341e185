package dev.ferry.runtime.local;

import dev.ferry.core.store.Release;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment of an instance or one-off process: the release's config vars, then {@code PORT} (web
 * instances only), {@code DYNO}, {@code HOME} (the app directory, {@code /app} in the sandbox) and a
 * {@code PATH} of {@code <app>/bin}, the system directories and the host's runtimes the release's commands name
 * ({@link InstancePath}) unless the config sets one. Nothing else of Ferry's environment leaks in.
 */
final class InstanceEnv {

    private InstanceEnv() {
    }

    static Map<String, String> of(Release release, String dyno, int port, String appPath) {
        Map<String, String> env = new LinkedHashMap<>(release.config().asMap());
        env.putIfAbsent("PATH", InstancePath.of(appPath, System.getenv("PATH"), System.getenv("JAVA_HOME"),
                release.processTypes().values()));
        env.putIfAbsent("LANG", "C.UTF-8");
        if (port > 0) {
            env.put("PORT", Integer.toString(port));
        }
        env.put("DYNO", dyno);
        env.put("HOME", appPath);
        return env;
    }

    /** A port free on the loopback interface right now, for {@code $PORT}. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return s.getLocalPort();
        }
    }
}
