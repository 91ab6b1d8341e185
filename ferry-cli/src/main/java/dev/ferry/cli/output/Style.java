package dev.ferry.cli.output;

import java.util.Locale;

/** The few ANSI styles the CLI uses on a terminal, and the style of a state word ({@link #ofState}). */
public enum Style {
    BOLD("1"), RED("31"), GREEN("32"), YELLOW("33"), DIM("2");

    private final String code;

    Style(String code) {
        this.code = code;
    }

    /** The escape sequence that turns this style on. */
    public String on() {
        return "\u001b[" + code + "m";
    }

    /** The escape sequence that turns every style off. */
    public static String off() {
        return "\u001b[0m";
    }

    /**
     * The style of a state as the API names it: failures red, what serves or succeeded green, what is on its way
     * yellow; {@code null} for other words. Only the first word counts ({@code succeeded (v3)}).
     */
    public static Style ofState(String state) {
        String word = state.strip().split("[ (:]", 2)[0];
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "failed", "crashed", "error", "errored", "stopped", "unhealthy" -> RED;
            case "succeeded", "up", "running", "healthy", "current", "active" -> GREEN;
            case "pending", "starting", "building", "draining", "stopping", "deploying", "queued" -> YELLOW;
            default -> null;
        };
    }
}
