package dev.ferry.server.router;

import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.ServingCertificate;
import dev.ferry.router.tls.TlsSource;
import dev.ferry.server.tls.RouterCertificateKey;
import dev.ferry.server.tls.ServingSet;
import dev.ferry.server.tls.TlsDocument;
import dev.ferry.server.tls.TlsDocumentRefused;
import dev.ferry.store.route.RedisTlsBundle;
import dev.ferry.store.route.RouteRegistryUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener's {@link TlsSource} on a {@code ferry router}, which has no store: the serving set control nodes
 * publish in the registry ({@link RedisTlsBundle}, a {@link TlsDocument} whose keys it opens with the fleet's
 * {@link RouterCertificateKey}). It serves its saved copy ({@code <data-dir>/router-node/tls.json}, still sealed) at
 * once, then reads the registry, again on each message and every {@link #POLL} (a message missed while the
 * subscription was down). A document that does not parse, open or check is refused whole, with one error line, and
 * the last good set keeps serving (the default certificate when there was none); so does a registry that is down.
 * Each good document is saved (a temporary file readable by its owner only, then renamed) before it is served. The ACME HTTP-01 challenges come
 * from {@link AcmeChallengesFollower} through {@link #answerAcmeChallenges}. Reads run on a thread of their own.
 */
final class RegistryTlsSource implements TlsSource, AutoCloseable {

    /** The safety-net reload interval, the same as the other nodes' reload. */
    static final Duration POLL = Duration.ofSeconds(30);
    /** The saved document's file name in the router's directory. */
    static final String SAVED_FILE = "tls.json";

    private static final Logger log = LoggerFactory.getLogger(RegistryTlsSource.class);

    private final RedisTlsBundle bundle;
    private final RouterCertificateKey key;
    private final Path savedFile;
    private final Duration poll;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ferry-router-tls");
        t.setDaemon(true);
        return t;
    });
    private volatile ServingSet serving = ServingSet.EMPTY;
    private volatile Map<String, String> http01 = Map.of();
    /** The digest last read, served or refused: the same one is not read again. On {@link #thread}. */
    private String seenDigest;
    private boolean subscribed;
    private boolean registryDown;

    RegistryTlsSource(RedisTlsBundle bundle, RouterCertificateKey key, Path routerDirectory, Duration poll) {
        this.bundle = bundle;
        this.key = key;
        this.savedFile = routerDirectory.resolve(SAVED_FILE);
        this.poll = poll;
    }

    /** Serves the saved document now, if any, then follows the registry in the background. */
    RegistryTlsSource start() {
        if (Files.isRegularFile(savedFile)) {
            try {
                accept(Optional.empty(), Files.readString(savedFile), false, "the saved copy " + savedFile);
            } catch (IOException e) {
                log.warn("HTTPS: cannot read the saved certificates {}: {}", savedFile, e.getMessage());
            }
        }
        thread.scheduleWithFixedDelay(this::poll, 0, poll.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void poll() {
        if (!subscribed) {
            try {
                bundle.onChange(() -> thread.execute(this::reload));
                subscribed = true;
            } catch (RouteRegistryUnavailableException e) {
                down(e);
                return;
            }
        }
        reload();
    }

    private void reload() {
        try {
            Optional<String> digest = bundle.digest();
            if (registryDown) {
                log.info("HTTPS: the registry answers again");
                registryDown = false;
            }
            if (digest.isEmpty() || digest.get().equals(seenDigest)) {
                return; // nothing published yet, or nothing new
            }
            bundle.read().ifPresent(p -> accept(Optional.of(p.digest()), p.document(), true, "the registry"));
        } catch (RouteRegistryUnavailableException e) {
            down(e);
        }
    }

    /** Says once per outage that the registry cannot be read; the last set keeps serving. */
    private void down(RouteRegistryUnavailableException e) {
        if (!registryDown) {
            log.warn("HTTPS: cannot read the certificates from the registry, serving the last ones: {}", e.getMessage());
        }
        registryDown = true;
    }

    /** Serves {@code json} if it opens and checks whole; otherwise says why once and keeps what it served. */
    private void accept(Optional<String> digest, String json, boolean save, String from) {
        digest.ifPresent(d -> seenDigest = d);
        ServingSet opened;
        TlsDocument document;
        try {
            document = TlsDocument.parse(json);
            opened = document.open(key);
        } catch (TlsDocumentRefused e) {
            log.error("HTTPS: the certificates in {} are refused, still serving the last good ones: {}", from,
                    e.getMessage());
            return;
        }
        seenDigest = document.digest();
        if (save) {
            save(json);
        }
        serving = opened;
        log.info("HTTPS: serving {} certificate(s) for {} host setting(s) from {}", opened.certificates().size(),
                opened.settingsByHost().size(), from);
        changed();
    }

    private void save(String json) {
        Path temp = savedFile.resolveSibling(SAVED_FILE + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, json);
            Files.move(temp, savedFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            log.warn("HTTPS: cannot save the certificates in {} (served all the same): {}", savedFile, e.getMessage());
        }
    }

    /** Answers these ACME HTTP-01 challenges from now on (token to key authorization). */
    void answerAcmeChallenges(Map<String, String> answers) {
        http01 = Map.copyOf(answers);
        changed();
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public List<ServingCertificate> certificates() {
        return serving.certificates();
    }

    @Override
    public Map<String, HttpsSettings> settingsByHost() {
        return serving.settingsByHost();
    }

    @Override
    public Map<String, String> challengeAnswers() {
        return http01;
    }

    @Override
    public Map<String, String> tlsAlpnChallenges() {
        return serving.tlsAlpnChallenges();
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        bundle.close();
    }
}
