package dev.ferry.kubernetes.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.manifest.AppManifest;
import dev.ferry.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A running release's slug token is written again before it expires, so pods started later still fetch the slug. */
@EnableKubernetesMockClient(crud = true)
class SlugTokenRenewalTest {

    KubernetesClient client;

    @Test
    void writesAFreshTokenForTheRunningReleaseEveryThirdOfItsLifetime() {
        SlugTokens tokens = new SlugTokens(new byte[32]);
        KubernetesRuntimeConfig config = new KubernetesRuntimeConfig("ferry-", Map.of(), "debian:bookworm-slim",
                "busybox:1.37", "http://control:7070", 5000, Duration.ofMinutes(1), Duration.ofMinutes(1),
                Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(30));
        MutableClock clock = new MutableClock();
        ReleasePlan plan = new ReleasePlan(Releases.of(4, Map.of("web", "./serve"), Map.of()), AppManifest.NONE, "x");
        try (SlugTokenRenewal renewal = new SlugTokenRenewal(client, config, tokens, new ReleaseObjects(config), clock)) {
            renewal.renew(plan);
            String first = token();
            clock.advance(Duration.ofSeconds(2));

            await().atMost(Duration.ofSeconds(5)).until(() -> !token().equals(first));

            Instant after = clock.instant().plusSeconds(2);
            assertThat(tokens.check(first, Releases.HELLO, 4, after)).isEqualTo(SlugTokens.Verdict.EXPIRED);
            assertThat(tokens.check(token(), Releases.HELLO, 4, after)).isEqualTo(SlugTokens.Verdict.VALID);
        }
    }

    private String token() {
        Secret s = client.secrets().inNamespace("ferry-hello").withName("slug-v4").get();
        return new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.UTF_8);
    }
}
