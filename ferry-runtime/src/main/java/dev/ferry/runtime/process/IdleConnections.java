package dev.ferry.runtime.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a router's idle keep-alive connection from a request in flight, using the kernel's per-socket timers as
 * {@code ss -ti} shows them ({@code lastsnd}, {@code lastrcv}: milliseconds since the last send and receive).
 * A connection is idle when nothing is queued either way, it has sent something, and the instance's last act on
 * it was to send (the response), at least {@code quiet} ago; a request still being processed has received more recently than it
 * sent. Routers keep idle pooled connections to a backend for a while after it leaves the table, so without
 * this a drain would always run to its time limit.
 */
public final class IdleConnections {

    private static final Pattern CONNECTION = Pattern.compile("^(\\d+)\\s+(\\d+)\\s+\\S+\\s+\\S+");
    private static final Pattern LAST_SEND = Pattern.compile("\\blastsnd:(\\d+)");
    private static final Pattern LAST_RECEIVE = Pattern.compile("\\blastrcv:(\\d+)");
    private static final Pattern BYTES_SENT = Pattern.compile("\\bbytes_sent:(\\d+)");

    private IdleConnections() {
    }

    /**
     * True when every established connection to local {@code port} is idle; false when one is busy; empty
     * when {@code ss} is not available.
     */
    public static Optional<Boolean> allIdle(int port, Duration quiet) {
        String out;
        try {
            out = ChildCommand.run(List.of("ss", "-Htni", "state", "established", "( sport = :" + port + " )"),
                    Duration.ofSeconds(5));
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(allIdle(out, quiet.toMillis()));
    }

    static boolean allIdle(String ssOutput, long quietMillis) {
        String[] lines = ssOutput.split("\n");
        for (int i = 0; i < lines.length; i++) {
            Matcher c = CONNECTION.matcher(lines[i].strip());
            if (lines[i].isBlank() || Character.isWhitespace(lines[i].charAt(0)) || !c.find()) {
                continue;
            }
            String info = i + 1 < lines.length && !lines[i + 1].isEmpty()
                    && Character.isWhitespace(lines[i + 1].charAt(0)) ? lines[i + 1] : "";
            // some versions of ss print the timers on the same line
            info = lines[i] + " " + info;
            long receiveQueue = Long.parseLong(c.group(1));
            long sendQueue = Long.parseLong(c.group(2));
            Matcher sent = LAST_SEND.matcher(info);
            Matcher received = LAST_RECEIVE.matcher(info);
            // a connection that has sent nothing yet is a request being processed (its send timer starts
            // at the handshake, so it cannot tell by itself)
            if (receiveQueue != 0 || sendQueue != 0 || !sent.find() || !received.find()
                    || !BYTES_SENT.matcher(info).find()) {
                return false;
            }
            long sentAgo = Long.parseLong(sent.group(1));
            long receivedAgo = Long.parseLong(received.group(1));
            if (sentAgo > receivedAgo || sentAgo < quietMillis) {
                return false;
            }
        }
        return true;
    }
}
