package dev.ferry.store.route.internal;

/**
 * The names of Ferry's keys in Redis under one prefix (documented in the README's "Redis registry" section
 * and decision record 013), and the text of deadline members.
 */
public record RedisKeys(String prefix) {

    /** Hash: field {@code http <domain>} or {@code tcp <port>} → the route's record ({@link JournalLine.Set}). */
    public String routes() {
        return prefix + "routes";
    }

    /** Integer: the number of the last change; each change increments it. */
    public String seq() {
        return prefix + "seq";
    }

    /** Stream of the last changes, entry id {@code <seq>-1}, one field {@code c} = the change record. */
    public String changes() {
        return prefix + "changes";
    }

    /** Pub/sub channel announcing each change as {@code <seq> <change record>}. */
    public String channel() {
        return prefix + "changes";
    }

    /** Sorted set: member {@code <field> <endpoint id>}, score = deadline in ms by Redis's clock. */
    public String deadlines() {
        return prefix + "deadlines";
    }

    /** String: when a registry last swept, in ms by Redis's clock. */
    public String swept() {
        return prefix + "swept";
    }

    /** String: a random id written once; a new one means the data was lost and every reader reloads. */
    public String epoch() {
        return prefix + "epoch";
    }

    /** The hash field of a route. */
    public static String field(RouteKey key) {
        return key.kind() + " " + key.name();
    }

    /** The deadline member of one endpoint of a route. */
    public static String member(RouteKey key, String endpointId) {
        return field(key) + " " + endpointId;
    }

    /** The route of a deadline member. */
    public static RouteKey routeOf(String member) {
        String[] f = member.split(" ", -1);
        if (f.length != 3) {
            throw new IllegalArgumentException("deadline member '" + member + "' is not '<kind> <name> <endpoint id>'");
        }
        return switch (f[0]) {
            case "http" -> RouteKey.http(f[1]);
            case "tcp" -> RouteKey.tcp(parsePort(f[1]));
            default -> throw new IllegalArgumentException("deadline member '" + member + "' names kind " + f[0]);
        };
    }

    /** The endpoint id of a deadline member. */
    public static String endpointOf(String member) {
        return member.substring(member.lastIndexOf(' ') + 1);
    }

    private static int parsePort(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + s + "' is not a number");
        }
    }
}
