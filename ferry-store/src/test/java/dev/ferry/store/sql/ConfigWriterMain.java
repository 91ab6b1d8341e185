package dev.ferry.store.sql;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The child process of {@link StoreCrashTest}: opens the store in the data directory named by its argument,
 * then sets config vars in a loop and prints {@code acked N} after {@code setConfig} number N returned. Each
 * set writes two vars, so a half-applied one would show. Stops by itself after a minute.
 */
public final class ConfigWriterMain {

    static final AppName APP = AppName.of("crashy");

    private ConfigWriterMain() {
    }

    static String key(int i) {
        return "VAR_" + i;
    }

    static String value(int i) {
        return "value " + i + " with spaces = and \"quotes\"\n";
    }

    public static void main(String[] args) {
        long stopAt = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        SqliteStore store = SqliteStore.openInDataDir(Path.of(args[0]));
        User admin = store.bootstrapAdmin("admin@example.com").orElseThrow().user();
        store.createApp(admin.id(), APP);
        for (int i = 0; i < 1_000_000 && System.nanoTime() < stopAt; i++) {
            store.setConfig(APP, Map.of(key(i), value(i), "LAST", Integer.toString(i)), admin.id());
            System.out.println("acked " + i);
            System.out.flush();
        }
        store.close();
    }
}
