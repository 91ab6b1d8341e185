package dev.ferry.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.acme.AcmeChallenge;
import dev.ferry.control.acme.AcmeConfig;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.StoreSettings;
import dev.ferry.store.postgres.PostgresLocation;
import dev.ferry.store.sql.ConfigKey;
import dev.ferry.store.route.RedisRegistryConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the issuer is set up for the store the platform runs on. */
class AcmeWiringTest {

    private final AcmeConfig acme = AcmeConfig.of(AcmeConfig.LETS_ENCRYPT, Optional.empty(), Optional.empty(),
            Path.of("/data/acme/account.pem"));

    @Test
    void onOneNodesStoreTheCaChecksAChallengeAtOnce() {
        FerryConfig sqlite = FerryConfig.ephemeral(Path.of("/data"));

        assertThat(AcmeWiring.forStore(acme, sqlite).challengeDelay()).isZero();
    }

    @Test
    void onASharedStoreAChallengeWaitsUntilEveryRouterHasReloaded() {
        FerryConfig shared = FerryConfig.ephemeral(Path.of("/data")).toBuilder().store(new StoreSettings(
                Optional.of(PostgresLocation.parse("postgres://ferry:secret@db.internal:5432/ferry", Map.of())),
                Optional.of(ConfigKey.file(Path.of("/data/secret.key"))))).build();

        assertThat(AcmeWiring.forStore(acme, shared).challengeDelay()).isEqualTo(Duration.ofSeconds(31));
    }

    @Test
    void onASharedRegistryATlsAlpnChallengeWaitsForTheSeparateRoutersToHaveIt() {
        FerryConfig fleet = FerryConfig.ephemeral(Path.of("/data")).toBuilder()
                .registry(Optional.of(RedisRegistryConfig.of("redis://127.0.0.1:6379"))).build();

        assertThat(AcmeWiring.forStore(acme.withChallenge(AcmeChallenge.TLS_ALPN_01), fleet).challengeDelay())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(AcmeWiring.forStore(acme, fleet).challengeDelay()).as("HTTP-01 is relayed before the CA is told")
                .isZero();
    }
}
