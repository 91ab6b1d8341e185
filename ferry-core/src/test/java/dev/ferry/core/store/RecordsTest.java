package dev.ferry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void normalisesEmailAddresses() {
        assertThat(User.normalizeEmail("  Dev@Example.COM ")).isEqualTo("dev@example.com");
        assertThatThrownBy(() -> User.normalizeEmail("dev")).hasMessage("'dev' is not an e-mail address (name@host)");
        assertThatThrownBy(() -> User.normalizeEmail("a@b@c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new User(new UserId(1), "Dev@x.org", false, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatesPagesAndIds() {
        assertThat(Page.FIRST.limit()).isEqualTo(Page.DEFAULT_LIMIT);
        assertThatThrownBy(() -> Page.first(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Page.first(Page.MAX_LIMIT + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new UserId(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatesReleasesAndFormations() {
        Release release = new Release(AppName.of("hello"), 1, "Deploy abc", ReleaseStatus.PENDING, ConfigVars.EMPTY,
                Optional.of("slug"), Map.of("web", "run", "worker", "work"), new UserId(1), NOW);
        assertThat(release.label()).isEqualTo("v1");
        assertThat(release.processTypes().keySet()).containsExactly("web", "worker");
        assertThat(release.withStatus(ReleaseStatus.SUCCEEDED).status()).isEqualTo(ReleaseStatus.SUCCEEDED);
        assertThatThrownBy(() -> release.processTypes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new Release(AppName.of("hello"), 0, "", ReleaseStatus.PENDING, ConfigVars.EMPTY,
                Optional.empty(), Map.of(), new UserId(1), NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Release.copyProcessTypes(Map.of("Web!", "run")))
                .hasMessageContaining("not a process type name");
        assertThatThrownBy(() -> new Formation(AppName.of("hello"), Map.of("web", Formation.MAX_QUANTITY + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new Formation(AppName.of("hello"), Map.of("web", 2)).quantity("worker")).isZero();
    }

    @Test
    void hidesTheSecretOfANewToken() {
        NewToken token = new NewToken(new ApiToken("abcd1234", new UserId(1), "ci", NOW, Optional.empty()),
                "ferry_supersecret");
        assertThat(token.toString()).doesNotContain("supersecret");
        assertThatThrownBy(() -> new ApiToken("UPPER", new UserId(1), "", NOW, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void domainsAreNormalised() {
        assertThatThrownBy(() -> new AppDomain("WWW.example.com", AppName.of("hello"), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new AppDomain("www.example.com", AppName.of("hello"), NOW).hostname()).isEqualTo("www.example.com");
    }

    @Test
    void eventActionsRoundTripTheirCodes() {
        for (EventAction action : EventAction.values()) {
            assertThat(EventAction.ofCode(action.code())).isEqualTo(action);
        }
        assertThatThrownBy(() -> EventAction.ofCode("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
