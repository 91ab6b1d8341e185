package dev.ferry.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/** Splits a span of time at midnight UTC: what a usage record of each day gets of an instance's lifetime. */
public final class UtcDays {

    private UtcDays() {
    }

    /** The UTC day of {@code at}. */
    public static LocalDate of(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** The first instant of {@code day}. */
    public static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Milliseconds of {@code [from, to)} on each day it touches, in day order; empty when {@code to <= from}. */
    public static Map<LocalDate, Long> millisByDay(Instant from, Instant to) {
        Map<LocalDate, Long> out = new LinkedHashMap<>();
        Instant at = from;
        while (at.isBefore(to)) {
            LocalDate day = of(at);
            Instant next = start(day.plusDays(1));
            Instant end = next.isBefore(to) ? next : to;
            out.put(day, end.toEpochMilli() - at.toEpochMilli());
            at = end;
        }
        return out;
    }
}
