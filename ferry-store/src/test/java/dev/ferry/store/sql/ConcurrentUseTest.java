package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.Page;
import dev.ferry.core.store.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrentUseTest extends StoreTestSupport {

    private static final int WRITERS = 4;
    private static final int SETS_PER_WRITER = 25;

    @Test
    void numbersReleasesWithoutGapsOrDuplicatesUnderConcurrentWrites() throws Exception {
        store.createApp(admin.id(), name("busy"));
        Set<Integer> versions = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < SETS_PER_WRITER; i++) {
                        Release r = store.setConfig(name("busy"), Map.of("W" + writer + "_" + i, "v"), admin.id());
                        assertThat(versions.add(r.version())).as("version %d given once", r.version()).isTrue();
                    }
                    return null;
                }));
            }
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 100; i++) {
                    assertThat(store.authenticate(bootstrap.firstToken().secret())).contains(admin);
                    store.config(name("busy"));
                }
                return null;
            }));
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = WRITERS * SETS_PER_WRITER;
        assertThat(versions).hasSize(total);
        assertThat(versions).allMatch(v -> v >= 1 && v <= total);
        assertThat(store.config(name("busy")).size()).isEqualTo(total);
        Release newest = store.releases(name("busy"), Page.first(1)).items().getFirst();
        assertThat(newest.version()).isEqualTo(total);
        assertThat(newest.config().size()).isEqualTo(total);
    }
}
