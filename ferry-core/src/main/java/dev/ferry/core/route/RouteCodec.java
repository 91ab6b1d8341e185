package dev.ferry.core.route;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-line text form of routes, used by the registry's journal and the router's persisted snapshot:
 *
 * <pre>
 * http &lt;domain&gt; &lt;balancing&gt; &lt;affinity 0|1&gt; &lt;health check|-&gt; &lt;endpoints|-&gt; [&lt;maxBodyBytes&gt; [tunnel] [maintenance] [h2c]]
 * tcp  &lt;port&gt;   &lt;balancing&gt; &lt;affinity 0|1&gt; &lt;health check|-&gt; &lt;endpoints|-&gt; [&lt;maxBodyBytes&gt; [tunnel] [maintenance] [h2c]]
 * </pre>
 *
 * where a health check is {@code path,intervalMs,timeoutMs,rise,fall} and endpoints are
 * {@code id@host:port*weight} joined by commas, a tunnel endpoint ending in {@value #TUNNEL_MARK}. A tunnel
 * name's policy ends in the word {@code tunnel}, after its body limit (0 for none), and a name in maintenance mode in
 * the word {@code maintenance} (after {@code tunnel} when both apply), and a route whose backends speak h2c in the
 * word {@code h2c} (last); a route without any
 * keeps the lines of earlier journals, which still load, as do theirs. The body limit is written only when the policy has one,
 * so a route without one keeps the six-field line of earlier journals and snapshots, which still load. Every field is validated on the way back in: a line that
 * does not parse throws {@link IllegalArgumentException} and yields nothing half-read.
 */
public final class RouteCodec {

    /** The suffix of a tunnel endpoint: {@code id@host:port*weight!tunnel}. */
    static final String TUNNEL_MARK = "!tunnel";

    private RouteCodec() {
    }

    public static String encode(Route route) {
        return "http " + route.domain() + " " + policyAndEndpoints(route.policy(), route.endpoints());
    }

    public static String encode(TcpRoute route) {
        return "tcp " + route.port() + " " + policyAndEndpoints(route.policy(), route.endpoints());
    }

    /** Decodes a line into a {@link Route} or a {@link TcpRoute}. */
    public static Object decode(String line) {
        String[] f = line.strip().split(" ");
        if (f.length < 6 || f.length > 10) {
            throw new IllegalArgumentException("route line has " + f.length + " fields, expected 6 to 10: " + line);
        }
        // after the body limit: the words tunnel, maintenance and h2c, each at most once and in that order
        int at = 7;
        boolean tunnel = at < f.length && f[at].equals("tunnel");
        at += tunnel ? 1 : 0;
        boolean maintenance = at < f.length && f[at].equals("maintenance");
        at += maintenance ? 1 : 0;
        boolean h2c = at < f.length && f[at].equals("h2c");
        at += h2c ? 1 : 0;
        if (at < f.length) {
            throw new IllegalArgumentException("route line ends in '" + f[f.length - 1]
                    + "', expected tunnel, maintenance and/or h2c: " + line);
        }
        long maxBodyBytes = f.length >= 8 && f[6].equals("0") ? 0 : f.length >= 7 ? parseMaxBody(f[6]) : 0;
        RoutePolicy policy = new RoutePolicy(Balancing.parse(f[2]), parseFlag(f[3]), parseHealthCheck(f[4]), maxBodyBytes,
                tunnel, maintenance, h2c ? BackendProtocol.H2C : BackendProtocol.HTTP1);
        List<Endpoint> endpoints = parseEndpoints(f[5]);
        return switch (f[0]) {
            case "http" -> new Route(f[1], endpoints, policy);
            case "tcp" -> new TcpRoute(parseInt(f[1], "port"), endpoints, policy);
            default -> throw new IllegalArgumentException("route line starts with '" + f[0] + "', expected http or tcp");
        };
    }

    private static String policyAndEndpoints(RoutePolicy policy, List<Endpoint> endpoints) {
        StringBuilder sb = new StringBuilder();
        sb.append(policy.balancing().wireName()).append(' ').append(policy.affinity() ? '1' : '0').append(' ');
        HealthCheck hc = policy.healthCheck();
        if (hc == null) {
            sb.append('-');
        } else {
            sb.append(hc.path()).append(',').append(hc.interval().toMillis()).append(',').append(hc.timeout().toMillis())
                    .append(',').append(hc.rise()).append(',').append(hc.fall());
        }
        sb.append(' ');
        if (endpoints.isEmpty()) {
            sb.append('-');
        }
        for (int i = 0; i < endpoints.size(); i++) {
            Endpoint e = endpoints.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append(e.id()).append('@').append(e.host()).append(':').append(e.port()).append('*').append(e.weight());
            if (e.tunnel()) {
                sb.append(TUNNEL_MARK);
            }
        }
        boolean h2c = policy.protocol() == BackendProtocol.H2C;
        if (policy.maxBodyBytes() > 0 || policy.tunnel() || policy.maintenance() || h2c) {
            sb.append(' ').append(policy.maxBodyBytes());
        }
        if (policy.tunnel()) {
            sb.append(" tunnel");
        }
        if (policy.maintenance()) {
            sb.append(" maintenance");
        }
        if (h2c) {
            sb.append(" h2c");
        }
        return sb.toString();
    }

    private static long parseMaxBody(String s) {
        try {
            long n = Long.parseLong(s);
            if (n <= 0) {
                throw new IllegalArgumentException("body limit '" + s + "' must be positive");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("body limit '" + s + "' is not a number");
        }
    }

    private static boolean parseFlag(String s) {
        return switch (s) {
            case "1" -> true;
            case "0" -> false;
            default -> throw new IllegalArgumentException("affinity flag '" + s + "' is not 0 or 1");
        };
    }

    private static HealthCheck parseHealthCheck(String s) {
        if (s.equals("-")) {
            return null;
        }
        String[] p = s.split(",");
        if (p.length != 5) {
            throw new IllegalArgumentException("health check '" + s + "' needs path,intervalMs,timeoutMs,rise,fall");
        }
        return new HealthCheck(p[0], Duration.ofMillis(parseInt(p[1], "interval")), Duration.ofMillis(parseInt(p[2], "timeout")),
                parseInt(p[3], "rise"), parseInt(p[4], "fall"));
    }

    private static List<Endpoint> parseEndpoints(String s) {
        if (s.equals("-")) {
            return List.of();
        }
        List<Endpoint> list = new ArrayList<>();
        for (String token : s.split(",")) {
            boolean tunnel = token.endsWith(TUNNEL_MARK);
            String e = tunnel ? token.substring(0, token.length() - TUNNEL_MARK.length()) : token;
            int at = e.indexOf('@');
            int star = e.lastIndexOf('*');
            int colon = e.lastIndexOf(':', star);
            if (at <= 0 || star < 0 || colon < at) {
                throw new IllegalArgumentException("endpoint '" + e + "' is not id@host:port*weight");
            }
            list.add(new Endpoint(e.substring(0, at), e.substring(at + 1, colon),
                    parseInt(e.substring(colon + 1, star), "port"), parseInt(e.substring(star + 1), "weight"), tunnel));
        }
        return list;
    }

    private static int parseInt(String s, String what) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + s + "' is not a number");
        }
    }
}
