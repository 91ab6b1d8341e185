package dev.ferry.cli.addons;

import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.core.api.AddonBackupInfo;
import dev.ferry.core.api.AddonInfo;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The PostgreSQL add-on the {@code pg:*} commands act on, and the backup they act on when none is named. */
final class PostgresAddon {

    /** How long a capture or restore may take before the CLI stops waiting: Ferry's own limit on pg_dump and pg_restore. */
    static final Duration DUMP_TIMEOUT = Duration.ofHours(1);

    private PostgresAddon() {
    }

    /** The app's PostgreSQL add-on called {@code name}, or its only one when {@code name} is null. */
    static String named(ApiClient api, String app, String name) {
        List<String> found = Stream.of(api.typed(() -> api.addons().list(app)).value())
                .filter(a -> "postgres".equals(a.service())).map(AddonInfo::name)
                .filter(n -> name == null || n.equals(name)).toList();
        if (found.isEmpty()) {
            throw new CliFailure(name != null ? app + " has no postgres add-on named " + name
                    : app + " has no postgres add-on (create one with: ferry addons:create postgres -a " + app + ")");
        }
        if (found.size() > 1) {
            throw new CliFailure(app + " has several postgres add-ons; name one of: " + String.join(", ", found));
        }
        return found.getFirst();
    }

    /** {@code backup} when given, else the add-on's newest backup. */
    static String backup(ApiClient api, String addon, String backup) {
        if (backup != null) {
            return backup;
        }
        AddonBackupInfo[] all = api.typed(() -> api.addons().backups(addon)).value();
        if (all.length == 0) {
            throw new CliFailure(addon + " has no backups (take one with: ferry pg:backups:capture)");
        }
        return all[all.length - 1].id();
    }

    /** A size in bytes for people: {@code 812 B}, {@code 4.2 KiB}, {@code 1.3 MiB}. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
