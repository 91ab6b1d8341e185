package dev.ferry.core.traffic;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one {@code ferry router} counted over a short span (a second by default), as it reports it to the control
 * plane through {@link TrafficReports}: one {@link Line} per host, second, status, latency bucket and path (tunnel
 * or not), so that a busy second of one app is a few lines whatever its request count. A control node adds the
 * lines to its {@link TrafficSeries} (charts, the autoscaler's p95) and to the usage records.
 *
 * <p>Its text form ({@link #encode}, {@link #decode}) is one line per {@link Line}, fields separated by tabs; a line
 * that does not parse is skipped when decoding, so a report from a newer or broken router never stops the reader.
 */
public record TrafficReport(List<Line> lines) {

    /**
     * Requests of one host that ended in one second with one status.
     *
     * @param host      the request host as the router saw it; the control node finds its app
     * @param ended     the second their responses ended in
     * @param latencyMs their latency, rounded up to the bound of its bucket ({@link #roundLatency})
     * @param tunnel    whether a tunnel endpoint answered them
     */
    public record Line(String host, Instant ended, int status, long latencyMs, boolean tunnel, long requests,
                       long bytesIn, long bytesOut) {
        public Line {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(ended, "ended");
            if (host.isEmpty() || host.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
                throw new IllegalArgumentException("a reported host has no blank or control character");
            }
            if (requests < 1 || bytesIn < 0 || bytesOut < 0 || latencyMs < 0 || status < 100 || status > 999) {
                throw new IllegalArgumentException("a report line counts at least one request with a status and bytes");
            }
        }
    }

    public TrafficReport {
        lines = List.copyOf(lines);
    }

    /** The latency a report carries for {@code latencyMs}: the bound of its histogram bucket, within 10 % above. */
    public static long roundLatency(long latencyMs) {
        long ms = Math.max(0, latencyMs);
        return ms <= 1 ? ms : Math.max(ms, Math.min(LatencyHistogram.upperBound(LatencyHistogram.bucket(ms)), 60_000));
    }

    /** Whether a host may be reported (no blank or control character), as {@link Line} requires. */
    public static boolean reportable(String host) {
        return host != null && !host.isEmpty() && host.chars().noneMatch(c -> c <= ' ' || c == 0x7f);
    }

    public String encode() {
        StringBuilder out = new StringBuilder(lines.size() * 48);
        for (Line l : lines) {
            out.append(l.host()).append('\t').append(l.ended().getEpochSecond()).append('\t').append(l.status())
                    .append('\t').append(l.latencyMs()).append('\t').append(l.tunnel() ? 't' : '-').append('\t')
                    .append(l.requests()).append('\t').append(l.bytesIn()).append('\t').append(l.bytesOut()).append('\n');
        }
        return out.toString();
    }

    public static TrafficReport decode(String text) {
        List<Line> lines = new ArrayList<>();
        for (String row : text.split("\n")) {
            String[] f = row.split("\t");
            if (f.length != 8) {
                continue;
            }
            try {
                lines.add(new Line(f[0], Instant.ofEpochSecond(Long.parseLong(f[1])), Integer.parseInt(f[2]),
                        Long.parseLong(f[3]), f[4].equals("t"), Long.parseLong(f[5]), Long.parseLong(f[6]),
                        Long.parseLong(f[7])));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                // skipped: a line this version cannot read
            }
        }
        return new TrafficReport(lines);
    }
}
