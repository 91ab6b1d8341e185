package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.AppLogs;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.DrainStore;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every app's log stream to the app's drains. {@link #start} follows each app that has drains in the
 * {@link DrainStore}; {@link #refresh} re-reads one app's drains after {@code drains:add} or {@code drains:remove}
 * (or {@code apps:destroy}) and starts or stops its senders. Each drain has a {@link DrainSender} with its own
 * bounded queue; the app's follower only hands lines to those queues, so a slow drain slows nothing else.
 * Every {@link DrainConfig#resyncInterval} all drains are read again, which catches changes made elsewhere
 * (an app destroyed, another control node). Senders connect only to addresses the {@link DrainAddressPolicy}
 * allows when they connect (default: public addresses only).
 */
public final class LogDrains implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LogDrains.class);

    private final AppLogs logs;
    private final DrainStore store;
    private final DrainConfig config;
    private final DrainAddressPolicy targets;
    private final Map<AppName, AppDrains> apps = new HashMap<>();
    private Thread resyncThread;

    /** Follows one app: its subscription and its senders by drain id. */
    private static final class AppDrains {
        final Map<String, DrainSender> senders = new ConcurrentHashMap<>();
        AppLogs.Subscription subscription;

        void deliver(LogLine line) {
            senders.values().forEach(s -> s.offer(line));
        }
    }

    /** Drains sending to public addresses only, with the default limits. */
    public LogDrains(AppLogs logs, DrainStore store) {
        this(logs, store, DrainConfig.DEFAULT, DrainAddressPolicy.publicOnly());
    }

    /** @param targets where drains may send, checked again at every connection */
    public LogDrains(AppLogs logs, DrainStore store, DrainConfig config, DrainAddressPolicy targets) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
        this.targets = Objects.requireNonNull(targets, "targets");
    }

    /** Where these drains may send, for the check when a drain is added. */
    public DrainAddressPolicy targets() {
        return targets;
    }

    /** Starts the senders of every drain in the store, and reads them again every {@link DrainConfig#resyncInterval}. */
    public synchronized LogDrains start() {
        resync();
        resyncThread = Thread.ofVirtual().name("ferry-drains-resync").start(() -> {
            try {
                while (true) {
                    Thread.sleep(config.resyncInterval());
                    resync();
                }
            } catch (InterruptedException e) {
                // closed
            }
        });
        return this;
    }

    /** Brings every app's senders in line with the store. */
    public synchronized void resync() {
        Map<AppName, List<Drain>> byApp;
        try {
            byApp = store.allDrains().stream().collect(Collectors.groupingBy(Drain::app));
        } catch (RuntimeException e) {
            log.warn("cannot read the log drains: {}", e.toString());
            return;
        }
        for (AppName running : Set.copyOf(apps.keySet())) {
            if (!byApp.containsKey(running)) {
                apply(running, List.of());
            }
        }
        byApp.forEach(this::apply);
    }

    /** Brings the app's senders in line with its drains in the store (none for an app that no longer exists). */
    public synchronized void refresh(AppName app) {
        List<Drain> drains;
        try {
            drains = store.drains(app);
        } catch (AppNotFound e) {
            drains = List.of();
        }
        apply(app, drains);
    }

    private void apply(AppName app, List<Drain> drains) {
        AppDrains current = apps.computeIfAbsent(app, a -> new AppDrains());
        Set<String> wanted = drains.stream().map(Drain::id).collect(Collectors.toSet());
        current.senders.entrySet().removeIf(e -> {
            if (!wanted.contains(e.getKey())) {
                e.getValue().close();
                return true;
            }
            return false;
        });
        for (Drain d : drains) {
            current.senders.computeIfAbsent(d.id(), id -> new DrainSender(d, target(d), config));
        }
        if (current.senders.isEmpty()) {
            if (current.subscription != null) {
                current.subscription.close();
            }
            apps.remove(app);
        } else if (current.subscription == null) {
            current.subscription = logs.follow(app, current::deliver);
        }
    }

    private DrainTarget target(Drain drain) {
        URI url = Drain.checkUrl(drain.url());
        DrainConnector connector = new DrainConnector(targets, (int) config.connectTimeout().toMillis());
        return switch (url.getScheme()) {
            case "syslog" -> new SyslogTarget(url.getHost(), url.getPort(), null, connector);
            case "syslog+tls" -> new SyslogTarget(url.getHost(), url.getPort(), config.sslContext(), connector);
            default -> new HttpsTarget(url, drain.token(), config.sslContext(), config.connectTimeout(), connector);
        };
    }

    /** The drains being sent to now, by app. */
    public synchronized Map<AppName, List<Drain>> running() {
        Map<AppName, List<Drain>> out = new HashMap<>();
        apps.forEach((app, d) -> out.put(app, d.senders.values().stream().map(DrainSender::drain).toList()));
        return out;
    }

    /** Lines the drain with this token dropped because its queue was full, if it is running. */
    public synchronized Optional<Long> dropped(String token) {
        return apps.values().stream().flatMap(a -> a.senders.values().stream())
                .filter(s -> s.drain().token().equals(token)).findFirst().map(DrainSender::dropped);
    }

    /** Stops every sender and follower. */
    @Override
    public synchronized void close() {
        if (resyncThread != null) {
            resyncThread.interrupt();
        }
        apps.values().forEach(a -> {
            if (a.subscription != null) {
                a.subscription.close();
            }
            a.senders.values().forEach(DrainSender::close);
        });
        apps.clear();
    }
}
