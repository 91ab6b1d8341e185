package dev.ferry.control.ps;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.store.ProcessType;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What {@code ps:restart} and {@code ps:stop} act on: a process type ({@code web}) or one instance
 * ({@code web.1}). Anything else is 400 {@code bad_request}.
 */
record ProcessTarget(String value) {

    private static final Pattern INSTANCE = Pattern.compile("([a-z0-9][a-z0-9_-]{0,62})\\.([1-9][0-9]{0,3})");

    static ProcessTarget parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidInput("the field 'target' must name a process type (web) or an instance (web.1)");
        }
        String target = raw.strip();
        if (!INSTANCE.matcher(target).matches()) {
            try {
                ProcessType.requireValid(target);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("'" + target + "' is neither a process type (web) nor an instance (web.1)");
            }
        }
        return new ProcessTarget(target);
    }

    /** True when one of {@code instances} is this instance or of this type. */
    boolean matchesAny(List<Instance> instances) {
        return instances.stream().anyMatch(i -> i.name().equals(value) || i.type().equals(value));
    }
}
