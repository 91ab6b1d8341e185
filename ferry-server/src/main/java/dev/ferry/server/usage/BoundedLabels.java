package dev.ferry.server.usage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps a metric label's values few: the first {@code max} distinct values seen keep their own value, every later
 * one is reported as {@link #OVERFLOW}. Values are never forgotten while Ferry runs, so a series never changes its
 * label. Safe for use by many threads.
 */
final class BoundedLabels {

    /** The label value of everything past the cap; no app name or process type can be spelt so. */
    static final String OVERFLOW = "_other";

    private final int max;
    private final Set<String> kept = ConcurrentHashMap.newKeySet();

    BoundedLabels(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a label cap must be at least 1");
        }
        this.max = max;
    }

    /** {@code value} while it is one of the first {@code max} seen, else {@link #OVERFLOW}. */
    String of(String value) {
        if (kept.contains(value)) {
            return value;
        }
        synchronized (this) {
            if (kept.size() < max) {
                kept.add(value);
                return value;
            }
        }
        return OVERFLOW;
    }
}
