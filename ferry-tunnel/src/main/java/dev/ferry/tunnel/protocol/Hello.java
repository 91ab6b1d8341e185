package dev.ferry.tunnel.protocol;

import dev.ferry.core.store.AppName;
import java.util.Objects;

/**
 * The agent's first line on a fresh TLS connection, before HTTP/2 starts:
 * {@code FERRY-TUNNEL/1 <app> <takeover 0|1> <token>}. The gateway answers {@link Welcome} or {@link Refusal}
 * on one line; after a welcome the gateway speaks HTTP/2 as the client and the agent as the server.
 *
 * @param takeover whether the tunnel serves the app's own names too (not only its preview name)
 */
public record Hello(AppName app, boolean takeover, String token) {

    /** The first word of every hello line; the version changes when the protocol does. */
    public static final String MAGIC = "FERRY-TUNNEL/1";

    /** The longest line either side accepts, in bytes. */
    public static final int MAX_LINE_BYTES = 4096;

    public Hello {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(token, "token");
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c > '~')) {
            throw new IllegalArgumentException("a token is printable ASCII without spaces");
        }
    }

    public String encode() {
        return MAGIC + " " + app.value() + " " + (takeover ? "1" : "0") + " " + token + "\n";
    }

    /** Parses a hello line (without its newline); throws {@link IllegalArgumentException} with a sentence. */
    public static Hello parse(String line) {
        String[] f = line.strip().split(" ");
        if (f.length != 4 || !f[0].equals(MAGIC)) {
            throw new IllegalArgumentException("this is not a " + MAGIC + " agent (upgrade the ferry CLI)");
        }
        if (!AppName.isValid(f[1])) {
            throw new IllegalArgumentException("'" + f[1] + "' is not an app name");
        }
        if (!f[2].equals("0") && !f[2].equals("1")) {
            throw new IllegalArgumentException("the takeover flag must be 0 or 1");
        }
        return new Hello(AppName.of(f[1]), f[2].equals("1"), f[3]);
    }

    /** The gateway's positive answer: {@code OK <host>[,<host>…]}, the names the tunnel now serves. */
    public record Welcome(java.util.List<String> hosts) {
        public Welcome {
            hosts = java.util.List.copyOf(hosts);
        }

        public String encode() {
            return "OK " + String.join(",", hosts) + "\n";
        }
    }

    /**
     * The gateway's refusal: {@code ERR <code> <sentence>}; the code is {@code unauthorized} (bad token),
     * {@code forbidden} (not an app the token may use), {@code bad_hello} or {@code unavailable}.
     */
    public record Refusal(String code, String sentence) {
        public Refusal {
            Objects.requireNonNull(code, "code");
            sentence = Objects.requireNonNull(sentence, "sentence").replace('\n', ' ').replace('\r', ' ');
        }

        /** Whether trying again with the same token cannot help (the agent stops rather than retrying). */
        public boolean permanent() {
            return code.equals("unauthorized") || code.equals("forbidden") || code.equals("bad_hello");
        }

        public String encode() {
            return "ERR " + code + " " + sentence + "\n";
        }
    }

    /** Parses the gateway's answer line into a {@link Welcome} or a {@link Refusal}. */
    public static Object parseAnswer(String line) {
        if (line.startsWith("OK ")) {
            return new Welcome(java.util.List.of(line.substring(3).strip().split(",")));
        }
        if (line.startsWith("ERR ")) {
            String rest = line.substring(4).strip();
            int space = rest.indexOf(' ');
            return space < 0 ? new Refusal(rest, rest) : new Refusal(rest.substring(0, space), rest.substring(space + 1));
        }
        return new Refusal("bad_answer", "the gateway answered '" + line + "', which is not a tunnel answer");
    }
}
