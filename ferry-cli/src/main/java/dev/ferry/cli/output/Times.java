package dev.ferry.cli.output;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as people read them: on a terminal, relative to now ({@code just now}, {@code 2 minutes ago},
 * {@code 3 days ago}; the date after 30 days); piped or with {@code --json}, the API's absolute ISO-8601 time
 * unchanged, for programs. Text that is not a time is returned as it is.
 */
public final class Times {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");

    private final Clock clock;
    private final boolean relative;

    /**
     * @param clock    now, and the zone of dates older than 30 days
     * @param relative true on a terminal
     */
    public Times(Clock clock, boolean relative) {
        this.clock = clock;
        this.relative = relative;
    }

    /** Times on the system clock, relative when {@code terminal}. */
    public static Times of(boolean terminal) {
        return new Times(Clock.system(ZoneId.systemDefault()), terminal);
    }

    /** {@code iso} for people: relative on a terminal, unchanged otherwise. */
    public String format(String iso) {
        if (!relative || iso == null || iso.isBlank()) {
            return iso;
        }
        Instant at;
        try {
            at = Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return iso;
        }
        return ago(at);
    }

    private String ago(Instant at) {
        long seconds = Duration.between(at, clock.instant()).toSeconds();
        if (seconds < 0) {
            return seconds > -60 ? "just now" : "in " + amount(-seconds);
        }
        if (seconds < 10) {
            return "just now";
        }
        if (seconds >= 30L * 86_400) {
            return DATE.format(at.atZone(clock.getZone()));
        }
        return amount(seconds) + " ago";
    }

    private static String amount(long seconds) {
        if (seconds < 60) {
            return plural(seconds, "second");
        } else if (seconds < 3600) {
            return plural(seconds / 60, "minute");
        } else if (seconds < 86_400) {
            return plural(seconds / 3600, "hour");
        }
        return plural(seconds / 86_400, "day");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
