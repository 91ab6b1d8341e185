package dev.ferry.router.http1;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields the router adds to a forwarded request head ({@code X-Forwarded-*}, {@code Forwarded},
 * {@code X-Real-IP}, {@code X-Request-Id}, {@code X-Request-Start}, {@code Via}), in the order they are
 * written after the client's own fields. Reused per connection; cleared for each request.
 */
public final class AddedFields {

    private final List<String> names = new ArrayList<>(12);
    private final List<String> values = new ArrayList<>(12);

    /** Adds a field; names and values are written as ISO-8859-1 text. */
    public void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    public void clear() {
        names.clear();
        values.clear();
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    /** The value added under {@code name} (case-insensitive), or null. */
    public String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }
}
