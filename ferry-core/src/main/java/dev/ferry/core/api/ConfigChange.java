package dev.ferry.core.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PATCH /api/apps/{app}/config}: vars to set and vars to unset, made one release. On the wire it is one JSON
 * object, {@code {"A":"1","B":null}}: a string sets a var, {@code null} unsets it ({@link #body}). The answer, like
 * {@code GET /api/apps/{app}/config}, is the app's vars as one object of strings.
 *
 * @param set   name to new value, in the order given
 * @param unset names to remove
 */
public record ConfigChange(Map<String, String> set, List<String> unset) {

    public ConfigChange {
        set = Collections.unmodifiableMap(new LinkedHashMap<>(set));
        unset = List.copyOf(unset);
    }

    /** True when it names no var. */
    public boolean isEmpty() {
        return set.isEmpty() && unset.isEmpty();
    }

    /** The request body: each set var with its value, then each unset one with {@code null}. */
    public Map<String, String> body() {
        Map<String, String> body = new LinkedHashMap<>(set);
        unset.forEach(name -> body.put(name, null));
        return body;
    }
}
