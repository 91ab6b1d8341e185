package dev.ferry.server.e2e;

import dev.ferry.core.route.Endpoint;
import dev.ferry.core.runtime.AppRuntime;
import dev.ferry.core.runtime.DeployResult;
import dev.ferry.core.runtime.Instance;
import dev.ferry.core.runtime.InstanceState;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import dev.ferry.core.store.Release;
import dev.ferry.server.runtime.RuntimeWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A small unsandboxed {@link AppRuntime} for end-to-end tests of the platform's wiring while the local runtime
 * is not part of the build: plain child processes from the unpacked slug, a health check of {@code GET /} below
 * 500, registration after health, deregistration then drain then SIGTERM, and a restart after a crash.
 */
final class StandInRuntime implements AppRuntime {

    private final RuntimeWiring.Inputs in;
    private final Path root;
    private final Map<AppName, AppState> apps = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicInteger runs = new AtomicInteger();

    private final class Inst {
        final AppName app;
        final String type;
        final int number;
        final Release release;
        volatile Process process;
        volatile int port;
        volatile InstanceState state = InstanceState.STARTING;
        volatile Instant since = Instant.now();
        volatile int restarts;
        volatile boolean stopping;

        Inst(AppName app, String type, int number, Release release) {
            this.app = app;
            this.type = type;
            this.number = number;
            this.release = release;
        }

        String name() {
            return type + "." + number;
        }

        Endpoint endpoint() {
            return Endpoint.of("127.0.0.1", port);
        }
    }

    private static final class AppState {
        final ReentrantLock lock = new ReentrantLock();
        volatile Release release;
        final List<Inst> instances = new CopyOnWriteArrayList<>();
    }

    private StandInRuntime(RuntimeWiring.Inputs in) {
        this.in = in;
        this.root = in.dataDir().resolve("stand-in-runtime");
    }

    static RuntimeWiring.Starter starter() {
        return in -> Optional.of(new RuntimeWiring.Started(new StandInRuntime(in), "stand-in runtime of the tests: plain processes", false));
    }

    private AppState state(AppName app) {
        return apps.computeIfAbsent(app, a -> new AppState());
    }

    @Override
    public DeployResult deploy(Release release, Formation formation, Consumer<String> progress) {
        AppState s = state(release.app());
        s.lock.lock();
        try {
            Path dir = unpack(release);
            List<Inst> fresh = new ArrayList<>();
            for (Map.Entry<String, String> type : release.processTypes().entrySet()) {
                for (int n = 1; n <= formation.quantity(type.getKey()); n++) {
                    Inst i = new Inst(release.app(), type.getKey(), n, release);
                    progress.accept("Starting " + i.name());
                    start(i, dir);
                    fresh.add(i);
                }
            }
            for (Inst i : fresh) {
                if (!awaitHealthy(i)) {
                    fresh.forEach(f -> kill(f));
                    return DeployResult.failure(i.name() + " did not become healthy within " + in.bootTimeout().toSeconds() + " s");
                }
            }
            fresh.forEach(this::register);
            List<Inst> old = List.copyOf(s.instances);
            s.instances.clear();
            s.instances.addAll(fresh);
            s.release = release;
            old.forEach(this::retire);
            return DeployResult.success();
        } finally {
            s.lock.unlock();
        }
    }

    private Path unpack(Release release) {
        Path dir = root.resolve(release.app().value()).resolve(release.label());
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir);
                Process tar = new ProcessBuilder("tar", "-xzf", in.slugs().slugFile(release.slugId().orElseThrow()).toString(),
                        "-C", dir.toString()).redirectErrorStream(true).start();
                tar.getInputStream().readAllBytes();
                tar.waitFor(60, TimeUnit.SECONDS);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void start(Inst i, Path dir) {
        try {
            i.port = i.type.equals("web") ? freePort() : 0;
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", "exec " + i.release.processTypes().get(i.type))
                    .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(i.release.config().asMap());
            pb.environment().put("PORT", Integer.toString(i.port));
            pb.environment().put("DYNO", i.name());
            i.process = pb.start();
            i.state = InstanceState.STARTING;
            i.since = Instant.now();
            Process mine = i.process;
            mine.onExit().thenRun(() -> Thread.ofVirtual().start(() -> exited(i, mine, dir)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void exited(Inst i, Process which, Path dir) {
        if (i.stopping || i.process != which) {
            return;
        }
        i.state = InstanceState.CRASHED;
        i.since = Instant.now();
        deregister(i);
        sleep(Duration.ofMillis(200));
        if (i.stopping) {
            return;
        }
        i.restarts++;
        start(i, dir);
        if (awaitHealthy(i)) {
            register(i);
        }
    }

    private boolean awaitHealthy(Inst i) {
        long deadline = System.nanoTime() + in.bootTimeout().toNanos();
        Process p = i.process;
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (i.port == 0) {
                i.state = InstanceState.UP;
                return true;
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + i.port + "/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() < 500) {
                    i.state = InstanceState.UP;
                    i.since = Instant.now();
                    return true;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            sleep(Duration.ofMillis(50));
        }
        return false;
    }

    private void register(Inst i) {
        if (i.port > 0) {
            in.hostsOfApp().apply(i.app).forEach(h -> in.registry().addEndpoint(h, i.endpoint(), Optional.empty()));
        }
    }

    private void deregister(Inst i) {
        if (i.port > 0) {
            in.hostsOfApp().apply(i.app).forEach(h -> in.registry().removeEndpoint(h, i.endpoint().id()));
        }
    }

    /** Deregisters now; drains and stops in the background. */
    private void retire(Inst i) {
        i.stopping = true;
        i.state = InstanceState.STOPPING;
        deregister(i);
        Thread.ofVirtual().start(() -> {
            sleep(in.drainTimeout());
            kill(i);
        });
    }

    private void kill(Inst i) {
        i.stopping = true;
        Process p = i.process;
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    @Override
    public void scale(Formation formation) {
        AppState s = state(formation.app());
        s.lock.lock();
        try {
            Release release = s.release;
            if (release == null) {
                return;
            }
            for (String type : release.processTypes().keySet()) {
                List<Inst> ofType = s.instances.stream().filter(i -> i.type.equals(type)).sorted(Comparator.comparingInt(i -> i.number)).toList();
                int want = formation.quantity(type);
                for (int n = ofType.size() + 1; n <= want; n++) {
                    Inst i = new Inst(formation.app(), type, n, release);
                    start(i, unpack(release));
                    if (awaitHealthy(i)) {
                        register(i);
                    }
                    s.instances.add(i);
                }
                for (Inst surplus : ofType.subList(Math.min(want, ofType.size()), ofType.size())) {
                    s.instances.remove(surplus);
                    retire(surplus);
                }
            }
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public List<Instance> instances(AppName app) {
        return state(app).instances.stream()
                .sorted(Comparator.comparing((Inst i) -> i.type).thenComparingInt(i -> i.number))
                .map(i -> new Instance(i.name(), i.type, i.state, i.release.version(), i.port, i.process.pid(), i.since, i.restarts))
                .toList();
    }

    @Override
    public int restart(AppName app, Optional<String> selector) {
        AppState s = state(app);
        s.lock.lock();
        try {
            int n = 0;
            for (Inst old : List.copyOf(s.instances)) {
                if (selector.isPresent() && !selector.get().equals(old.type) && !selector.get().equals(old.name())) {
                    continue;
                }
                Inst fresh = new Inst(app, old.type, old.number, old.release);
                start(fresh, unpack(old.release));
                if (awaitHealthy(fresh)) {
                    register(fresh);
                }
                s.instances.set(s.instances.indexOf(old), fresh);
                retire(old);
                n++;
            }
            return n;
        } finally {
            s.lock.unlock();
        }
    }

    @Override
    public int stop(AppName app, String selector) {
        int n = 0;
        for (Inst i : state(app).instances) {
            if (selector.equals(i.type) || selector.equals(i.name())) {
                deregister(i);
                kill(i);
                i.state = InstanceState.STOPPED;
                n++;
            }
        }
        return n;
    }

    @Override
    public void destroy(AppName app) {
        AppState s = apps.remove(app);
        if (s != null) {
            s.instances.forEach(i -> {
                deregister(i);
                kill(i);
            });
        }
    }

    @Override
    public OneOffProcess run(Release release, String command, Map<String, String> extraEnv) {
        Path dir = unpack(release);
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(release.config().asMap());
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "run." + runs.incrementAndGet();
        return new OneOffProcess() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public InputStream output() {
                return p.getInputStream();
            }

            @Override
            public OutputStream input() {
                return p.getOutputStream();
            }

            @Override
            public int waitFor() throws InterruptedException {
                return p.waitFor();
            }

            @Override
            public void close() {
                p.destroyForcibly();
            }
        };
    }

    @Override
    public void close() {
        apps.keySet().forEach(this::destroy);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
