package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.control.dns.Rfc2136Config;
import dev.ferry.control.dns.TsigKey;
import dev.ferry.core.retry.Backoff;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.FerryConfigResolver;
import dev.ferry.store.postgres.PostgresServerProcess;
import dev.ferry.testing.BindServer;
import dev.ferry.testing.FreePorts;
import dev.ferry.testing.PebbleCa;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code ferry up} nodes on one real PostgreSQL, both with the DNS provider: one of them (the holder of the
 * {@code acme-wildcard} lease) orders the wildcard from a real Pebble through a real BIND, once, and both routers
 * serve that same certificate from the store.
 */
class WildcardFleetTest {

    private static final String DOMAIN = "apps.test";

    @TempDir
    Path dir;

    @Test
    void twoNodesOnOneStoreOrderTheWildcardOnceAndBothServeIt() throws Exception {
        Assumptions.assumeTrue(PebbleCa.installed(), "Debian's pebble package (.ci/run installs it)");
        int httpPort = FreePorts.loopback();
        try (PostgresServerProcess postgres = PostgresServerProcess.start();
             BindServer bind = BindServer.start(dir.resolve("bind"), DOMAIN);
             PebbleCa pebble = PebbleCa.start(dir.resolve("pebble"), httpPort, Duration.ofHours(1), bind.hostPort())) {
            String database = postgres.newDatabase();
            FerryConfig shared = new FerryConfigResolver(Map.of("FERRY_SECRET_KEY", newKey(), "PGPASSWORD",
                    PostgresServerProcess.PASSWORD), dir.resolve("home"))
                    .resolve(Map.of("--store", postgres.url(database)));
            TsigKey key = TsigKey.read(bind.keyFile());
            // Both start at once, so both issuers find no wildcard and would order it without the lease.
            CompletableFuture<Platform> startingB = CompletableFuture.supplyAsync(() -> {
                try {
                    return start(shared, "b", pebble, bind, key, FerryConfig.EPHEMERAL);
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            });
            try (Platform a = start(shared, "a", pebble, bind, key, httpPort);
                 Platform b = startingB.get(120, TimeUnit.SECONDS)) {
                String servedByA = await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> WildcardCertificateTest.served(pebble, "one." + DOMAIN, a.httpsPort()),
                                f -> f != null);
                // b's router reads the store at its periodic reload (30 s) or at once when b ordered it itself.
                String servedByB = await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                        .until(() -> WildcardCertificateTest.served(pebble, "two." + DOMAIN, b.httpsPort()),
                                f -> f != null);
                assertThat(servedByB).isEqualTo(servedByA);
                Thread.sleep(2_000); // a second order would come within a check interval (200 ms)
                List<Event> wildcard = a.store().events(Page.FIRST).items().stream()
                        .filter(e -> e.detail().startsWith("ACME wildcard")).toList();
                assertThat(wildcard).as("one order across both nodes").singleElement()
                        .satisfies(e -> assertThat(e.action()).isEqualTo(EventAction.ACME_ISSUE));
                try (Connection c = postgres.location(database).dataSource().getConnection();
                     Statement st = c.createStatement();
                     ResultSet row = st.executeQuery("SELECT holder FROM leases WHERE name = 'acme-wildcard'")) {
                    assertThat(row.next()).as("the orderer's lease").isTrue();
                    assertThat(row.getString(1)).isIn(Files.readString(dir.resolve("a/node-name")).strip(),
                            Files.readString(dir.resolve("b/node-name")).strip());
                }
            }
        }
    }

    private Platform start(FerryConfig shared, String node, PebbleCa pebble, BindServer bind, TsigKey key,
                                  int httpPort) throws Exception {
        Path dataDir = dir.resolve(node);
        AcmeConfig acme = AcmeConfig.of(pebble.directory(), Optional.of("ops@example.com"),
                        Optional.of(pebble.listenerCa()), dataDir.resolve("acme/account.pem"))
                .withTiming(1.0 / 3, Duration.ofMillis(200), Backoff.doubling(Duration.ofSeconds(1),
                        Duration.ofSeconds(2)));
        return Platform.start(FerryConfig.ephemeral(dataDir).toBuilder().domain(DOMAIN).httpPort(httpPort)
                .httpsPort(FerryConfig.EPHEMERAL).store(shared.store()).acme(Optional.of(acme))
                .acmeDns(Optional.of(Rfc2136Config.of(bind.address(), DOMAIN, key))).build());
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
