package dev.ferry.control.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The dashboard's one way to write HTML: markup the views spell out as string literals ({@link #raw}), and every
 * value escaped ({@link #text}) for element content and quoted attribute values alike. Views are small Java classes
 * over this builder (decision 029), so no template reaches a value unescaped.
 */
final class Html {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final StringBuilder out = new StringBuilder(4096);

    /** Markup written by the view itself; never a value that came from a user or the store. */
    Html raw(String markup) {
        out.append(markup);
        return this;
    }

    /** A value, escaped for element content and double-quoted attributes. */
    Html text(Object value) {
        out.append(escape(String.valueOf(value)));
        return this;
    }

    /** {@code <tag>value</tag>}, with the value escaped. */
    Html element(String tag, Object value) {
        return raw("<" + tag + ">").text(value).raw("</" + tag + ">");
    }

    /** A hidden input carrying the session's CSRF token, for forms posted to the dashboard. */
    Html csrf(String token) {
        return raw("<input type=\"hidden\" name=\"" + DashboardSessions.CSRF_FIELD + "\" value=\"").text(token).raw("\">");
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An instant as people read it here, in UTC. */
    static String when(Instant at) {
        return WHEN.format(at);
    }

    /** {@code 3m 12s}, {@code 2h 5m}, {@code 4d 1h}: how long ago or how long for. */
    static String span(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h " + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d " + s % 86_400 / 3600 + "h";
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
