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
 * {@code PATH} of {@code <app>/bin} before Ferry's own PATH (where the host's runtimes are) unless the config
 * sets one. Nothing else of Ferry's environment leaks in.
 */
final class InstanceEnv {

    private InstanceEnv() {
    }

    static Map<String, String> of(Release release, String dyno, int port, String appPath) {
        Map<String, String> env = new LinkedHashMap<>(release.config().asMap());
        String hostPath = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.putIfAbsent("PATH", appPath + "/bin:" + hostPath);
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
