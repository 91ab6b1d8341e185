package dev.ferry.server.e2e;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A steady load of GETs through the router to one host, from a few threads, until closed: counts the answers
 * that were 200, keeps every other answer or exception as a failure, and remembers the newest body.
 */
final class RequestLoop implements AutoCloseable {

    private static final int MAX_REQUESTS_PER_THREAD = 1_000_000;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger ok = new AtomicInteger();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();
    private final AtomicReference<String> lastBody = new AtomicReference<>("");
    private final ExecutorService threads;
    private final List<Future<?>> loops = new ArrayList<>();

    private final long startNanos = System.nanoTime();

    RequestLoop(int routerPort, String host, int threadCount) {
        threads = Executors.newFixedThreadPool(threadCount);
        for (int i = 0; i < threadCount; i++) {
            loops.add(threads.submit(() -> {
                Api client = new Api(0, routerPort, "");
                for (int n = 0; n < MAX_REQUESTS_PER_THREAD && running.get(); n++) {
                    try {
                        HttpResponse<String> r = client.viaRouter(host, "/");
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            lastBody.set(r.body());
                        } else {
                            failures.add(at() + r.statusCode() + " " + r.headers().firstValue("Ferry-Error").orElse(""));
                        }
                    } catch (Exception e) {
                        failures.add(at() + e);
                    }
                }
                return null;
            }));
        }
    }

    private String at() {
        return "at " + (System.nanoTime() - startNanos) / 1_000_000 + " ms: ";
    }

    int ok() {
        return ok.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    String lastBody() {
        return lastBody.get();
    }

    /** Waits until the answers start with {@code prefix} and at least {@code more} further requests succeeded. */
    void awaitServing(String prefix, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> lastBody().startsWith(prefix));
        int now = ok();
        await().atMost(within).until(() -> ok() > now + 20);
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        for (Future<?> f : loops) {
            f.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
    }
}
