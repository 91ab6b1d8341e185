package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.server.Platform;
import dev.ferry.server.PlatformTuning;
import dev.ferry.server.config.FerryConfig;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two endpoints share a route; one dies under a steady request loop and comes back by itself. */
class FailoverTest {

    @TempDir
    Path dataDir;

    @Test
    void losesNoRequestWhenOneOfTwoEndpointsDiesAndNoticesItsReturn() throws Exception {
        PlatformTuning tuning = PlatformTuning.DEFAULT.withPassiveEjection(Duration.ofSeconds(1));
        try (Backend a = Backend.start("a"); Platform platform = Platform.start(FerryConfig.ephemeral(dataDir), tuning)) {
            Backend b = Backend.start("b");
            int bPort = b.port();
            Api api = new Api(platform.apiPort(), platform.httpPort(), platform.adminToken().token());
            assertThat(api.post("/api/routes", "{\"domain\":\"pair.local\",\"targetUrl\":\"" + a.url() + "\"}").statusCode()).isEqualTo(201);
            assertThat(api.post("/api/routes", "{\"domain\":\"pair.local\",\"targetUrl\":\"" + b.url() + "\"}").statusCode()).isEqualTo(201);

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger ok = new AtomicInteger();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> loops = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                loops.add(clients.submit(() -> {
                    Api client = new Api(platform.apiPort(), platform.httpPort(), "");
                    for (int n = 0; n < 100_000 && running.get(); n++) {
                        try {
                            HttpResponse<String> r = client.viaRouter("pair.local", "/");
                            if (r.statusCode() == 200) {
                                ok.incrementAndGet();
                            } else {
                                failures.add(r.statusCode() + " " + r.headers().firstValue("Ferry-Error").orElse(""));
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> a.requests() > 50 && b.requests() > 50);
            b.close();
            int okAtKill = ok.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> ok.get() > okAtKill + 300);

            try (Backend back = Backend.start("b-again", bPort)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> back.requests() > 20);
            }
            running.set(false);
            for (Future<?> f : loops) {
                f.get();
            }
            clients.shutdown();
            assertThat(failures).isEmpty();
            assertThat(ok.get()).isGreaterThan(400);
        }
    }
}
