package dev.ferry.runtime.local;

import dev.ferry.build.manifest.AppJsonReader;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.ConfigVars;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.core.store.ReleaseStatus;
import dev.ferry.core.store.UserId;
import dev.ferry.runtime.process.ChildCommand;
import dev.ferry.runtime.sandbox.SandboxMode;
import dev.ferry.testing.MemoryAppLogs;
import dev.ferry.testing.MemoryRouteRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Test slugs (a small Python HTTP server packed with {@code tar}), releases, and a runtime with short
 * durations, all under one temp directory.
 */
final class TestApps {

    static final String SERVER = """
            import http.server, os, signal, sys, time
            VERSION = os.environ.get("VERSION", "?")
            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_GET(self):
                    if self.path == "/crash":
                        os._exit(3)
                    if self.path == "/slow":
                        time.sleep(1.5)
                    code = 500 if os.environ.get("BROKEN") else 200
                    body = ("ok " + VERSION + " " + os.environ.get("DYNO", "")).encode()
                    self.send_response(code)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            def term(*args):
                print("got SIGTERM", flush=True)
                os._exit(0)
            signal.signal(signal.SIGTERM, term)
            print("listening on " + os.environ["PORT"], flush=True)
            http.server.ThreadingHTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    final Path root;
    final Map<String, Path> slugs = new HashMap<>();
    final MemoryRouteRegistry routes = new MemoryRouteRegistry();
    final MemoryAppLogs logs = new MemoryAppLogs();
    /** Custom domains of every app, besides {@code <app>.localhost}. */
    final List<String> customDomains = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TestApps(Path root) {
        this.root = root;
    }

    LocalRuntimeConfig.Builder config() {
        return LocalRuntimeConfig.builder(root.resolve("data"))
                .bootTimeout(Duration.ofSeconds(5))
                .drainTimeout(Duration.ofSeconds(2))
                .drainGrace(Duration.ofMillis(100))
                .stopGrace(Duration.ofSeconds(2))
                .routeTtl(Duration.ofSeconds(5))
                .routeRefresh(Duration.ofMillis(500))
                .restartBackoffFirst(Duration.ofMillis(500))
                .restartBackoffMax(Duration.ofSeconds(2))
                .nonWebUptime(Duration.ofMillis(300))
                .livenessInterval(Duration.ofSeconds(1))
                .releaseTimeout(Duration.ofSeconds(20))
                // apart from the groups of platforms running on this host
                .cgroupName("ferry-runtime-test");
    }

    LocalRuntime runtime(SandboxMode mode) {
        return runtime(config().sandboxMode(mode).build());
    }

    LocalRuntime runtime(LocalRuntimeConfig config) {
        return new LocalRuntime(config, this::slug, routes, app -> {
            List<String> hosts = new java.util.ArrayList<>(List.of(app.value() + ".localhost"));
            hosts.addAll(customDomains);
            return hosts;
        }, logs, new AppJsonReader());
    }

    private Path slug(String id) {
        Path p = slugs.get(id);
        if (p == null) {
            throw new NoSuchElementException(id);
        }
        return p;
    }

    /** Packs {@code files} (name → content; names ending in {@code .sh} are executable) as slug {@code id}. */
    String slug(String id, Map<String, String> files) throws IOException {
        Path dir = root.resolve("src-" + id);
        Files.createDirectories(dir);
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
            if (f.getKey().endsWith(".sh")) {
                p.toFile().setExecutable(true, false);
            }
        }
        Path tgz = root.resolve(id + ".tar.gz");
        ChildCommand.run(List.of("tar", "-czf", tgz.toString(), "-C", dir.toString(), "."), Duration.ofSeconds(20));
        slugs.put(id, tgz);
        return id;
    }

    String serverSlug(String id) throws IOException {
        return slug(id, Map.of("server.py", SERVER));
    }

    static Release release(String app, int version, String slugId, Map<String, String> types, Map<String, String> config) {
        return new Release(AppName.of(app), version, "Deploy", ReleaseStatus.PENDING, ConfigVars.of(config),
                java.util.Optional.of(slugId), types, new UserId(1), Instant.now());
    }

    static Release webRelease(String app, int version, String slugId, Map<String, String> config) {
        return release(app, version, slugId, Map.of("web", "python3 -u server.py"), config);
    }

    static Formation formation(String app, Map<String, Integer> quantities) {
        return new Formation(AppName.of(app), quantities);
    }

    /** GET {@code path} on 127.0.0.1:port; the status and body, or -1 when the connection fails. */
    Map.Entry<Integer, String> get(int port, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return Map.entry(r.statusCode(), r.body());
        } catch (IOException e) {
            return Map.entry(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.entry(-1, "interrupted");
        }
    }
}
