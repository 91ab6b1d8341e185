package dev.ferry.core.addons;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One finished backup of a PostgreSQL add-on ({@code pg:backups}): its id within the add-on ({@code b001},
 * {@code b002}… in the order taken), the add-on's name, the size of the dump in bytes and when it was finished.
 */
public record AddonBackup(String id, String addon, long sizeBytes, Instant createdAt) {

    private static final Pattern ID = Pattern.compile("b[0-9]{3,9}");

    public AddonBackup {
        requireValidId(id);
        Addon.requireValidName(addon);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True when {@code id} has the form of a backup id ({@code b001}). */
    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Checks a backup id.
     *
     * @throws IllegalArgumentException saying the form
     */
    public static String requireValidId(String id) {
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid backup id '" + id + "': backups are named b001, b002, ...");
        }
        return id;
    }
}
