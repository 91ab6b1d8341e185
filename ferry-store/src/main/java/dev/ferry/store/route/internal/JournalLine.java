package dev.ferry.store.route.internal;

import dev.ferry.core.route.Route;
import dev.ferry.core.route.RouteCodec;
import dev.ferry.core.route.TcpRoute;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One record of the route journal, and its text form (the format is documented on
 * {@code JournaledRouteRegistry}):
 *
 * <pre>
 * set &lt;RouteCodec line&gt; &lt;ttls|-&gt;     ttls = endpointId=ttlMs joined by commas
 * del http &lt;domain&gt;
 * del tcp &lt;port&gt;
 * </pre>
 */
public sealed interface JournalLine {

    /** The first line of every journal; the number is the format version. */
    String HEADER = "# ferry route journal v1";

    /** The text of this record, without the newline. */
    String format();

    /**
     * The whole state of one route: pool, policy, and the TTL in milliseconds of each endpoint registered
     * with one (endpoints absent from {@code ttlMillis} are permanent).
     */
    record Set(RouteState state, Map<String, Long> ttlMillis) implements JournalLine {
        public Set {
            Objects.requireNonNull(state, "state");
            ttlMillis = Map.copyOf(ttlMillis);
            ttlMillis.forEach((id, ms) -> {
                if (!state.hasEndpoint(id)) {
                    throw new IllegalArgumentException("TTL for endpoint " + id + " that is not in the pool");
                }
                if (ms < 1) {
                    throw new IllegalArgumentException("TTL of endpoint " + id + " is " + ms + " ms, must be positive");
                }
            });
        }

        @Override
        public String format() {
            StringBuilder sb = new StringBuilder("set ").append(state.encode()).append(' ');
            if (ttlMillis.isEmpty()) {
                return sb.append('-').toString();
            }
            String sep = "";
            for (var e : new TreeMap<>(ttlMillis).entrySet()) {
                sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = ",";
            }
            return sb.toString();
        }
    }

    /** A route removed with its whole pool. */
    record Delete(RouteKey key) implements JournalLine {
        public Delete {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String format() {
            return "del " + key.kind() + " " + key.name();
        }
    }

    /**
     * Parses one record (not the header).
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    static JournalLine parse(String line) {
        if (line.startsWith("set ")) {
            int lastSpace = line.lastIndexOf(' ');
            if (lastSpace < 4) {
                throw new IllegalArgumentException("a set record is 'set <route> <ttls>'");
            }
            String codec = line.substring(4, lastSpace);
            RouteState state = switch (RouteCodec.decode(codec)) {
                case Route r -> RouteState.of(r);
                case TcpRoute t -> RouteState.of(t);
                default -> throw new IllegalStateException("RouteCodec decodes only routes");
            };
            return new Set(state, parseTtls(line.substring(lastSpace + 1)));
        }
        if (line.startsWith("del ")) {
            String[] f = line.split(" ", -1);
            if (f.length != 3) {
                throw new IllegalArgumentException("a del record is 'del http <domain>' or 'del tcp <port>'");
            }
            return switch (f[1]) {
                case "http" -> new Delete(RouteKey.http(f[2]));
                case "tcp" -> new Delete(RouteKey.tcp(parsePort(f[2])));
                default -> throw new IllegalArgumentException("del of '" + f[1] + "', expected http or tcp");
            };
        }
        throw new IllegalArgumentException("record does not start with 'set ' or 'del '");
    }

    private static Map<String, Long> parseTtls(String field) {
        Map<String, Long> ttls = new TreeMap<>();
        if (field.equals("-")) {
            return ttls;
        }
        for (String entry : field.split(",", -1)) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("TTL entry '" + entry + "' is not endpointId=milliseconds");
            }
            try {
                ttls.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("TTL entry '" + entry + "' does not end in a number of milliseconds");
            }
        }
        return ttls;
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + s + "' is not a number");
        }
    }
}
