package dev.ferry.core.addons;

import dev.ferry.core.store.AppName;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An add-on as the store keeps it, without its credentials: its unique name ({@code postgres-amber-4821}, or the one
 * given with {@code --as}), its service and plan, the app that created it (its owner, who may destroy it), the
 * resource on the server (database or ACL user name) and the apps it is attached to, the owner first.
 */
public record Addon(String name, AddonKind kind, String plan, AppName owner, String resource, Instant createdAt,
                    List<AddonAttachment> attachments) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{1,38}[a-z0-9]");

    public Addon {
        requireValidName(name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(createdAt, "createdAt");
        attachments = List.copyOf(attachments);
    }

    /**
     * Checks an add-on name: 3 to 40 lower-case letters, digits and dashes, starting with a letter.
     *
     * @throws IllegalArgumentException saying the rule
     */
    public static String requireValidName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid add-on name '" + name + "': use 3 to 40 lower-case letters,"
                    + " digits and dashes, starting with a letter and not ending with a dash");
        }
        return name;
    }

    /** True when the add-on is attached to {@code app}. */
    public boolean attachedTo(AppName app) {
        return attachments.stream().anyMatch(a -> a.app().equals(app));
    }
}
