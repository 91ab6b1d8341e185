package dev.ferry.server.up;

import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code ferry up} and {@code ferry control} print once they serve: where everything is and what to type next
 * (a control node names the fleet's routers instead of a router of its own).
 */
final class Banner {

    private Banner() {
    }

    static void print(PrintWriter out, Platform platform, Path accessLog, Optional<Path> credentials) {
        FerryConfig c = platform.config();
        String host = c.bindAddress().equals("0.0.0.0") || c.bindAddress().equals("::") ? "localhost" : c.bindAddress();
        out.println("Ferry is up. Data in " + platform.dataDirectory().root() + " (Ctrl-C stops it).");
        out.println();
        String routerPort = platform.runsRouter() ? Integer.toString(Math.max(platform.httpPort(), 0)) : "<router port>";
        if (!platform.runsRouter()) {
            out.printf("  apps        served by the fleet's routers: ferry router --registry %s%n",
                    c.registry().map(r -> r.uri()).orElse("redis://HOST:PORT"));
        } else if (platform.httpPort() > 0) {
            out.printf("  apps        http://<name>.%s:%d   router, %s, listening on %s%n", c.domain(), platform.httpPort(),
                    platform.transport().describe(), c.bindAddress());
        } else {
            out.println("  apps        router off (--http-port 0)");
        }
        if (platform.httpsPort() > 0) {
            out.printf("  HTTPS       https://<name>.%s:%d  certificates by SNI (%s), else a self-signed default%n",
                    c.domain(), platform.httpsPort(), c.acme().map(a -> "ACME from " + a.directory() + ", and ferry certs:add")
                            .orElse("ferry certs:add"));
        }
        if (platform.apiPort() > 0) {
            out.printf("  API         http://%s:%d/api       metrics at /metrics, OpenAPI at /api/openapi.json%n", host, platform.apiPort());
        } else {
            out.println("  API         off (--api-port 0)");
        }
        if (platform.sshPort() > 0) {
            out.printf("  git ssh     ssh://git@%s:%d/<app>.git   after ./ferry keys:add%n", host, platform.sshPort());
        }
        if (platform.tunnelPort() > 0) {
            out.printf("  tunnels     %s:%d (TLS)        ./ferry tunnel PORT -a APP publishes a local port%n", host,
                    platform.tunnelPort());
        }
        out.printf("  token       %s%s%n", platform.dataDirectory().adminTokenFile(),
                platform.adminToken().wasCreated() ? " (new admin token, mode 0600; the local ferry CLI reads it)" : "");
        credentials.ifPresent(file -> out.printf("  CLI         %s points ./ferry at this platform%n", file));
        out.printf("  access log  %s%n", accessLog);
        out.printf("  add-ons     %s%n", platform.addons().describe());
        out.printf("  runtime     %s%n", platform.runtime()
                .map(r -> (r.sandboxed() ? "" : "WARNING: apps are not sandboxed: ") + r.isolation())
                .orElse("none: pushes are built and released, but no instance runs"));
        out.println();
        out.println("Route a server running on this machine to a name, then call it through the router:");
        out.printf("  python3 -m http.server 9001 &%n");
        out.printf("  ./ferry routes:add demo.%s http://127.0.0.1:9001%n", c.domain());
        out.printf("  curl http://demo.%s:%s/%n", c.domain(), routerPort);
        out.println();
        out.printf("Deploy a first app from a git repository with a Procfile (e.g. a copy of examples/procfile):%n");
        out.printf("  ./ferry apps:create hello%n");
        out.printf("  ./ferry git:remote -a hello && git push ferry main%n");
        out.printf("  curl http://hello.%s:%s/%n", c.domain(), routerPort);
    }
}
