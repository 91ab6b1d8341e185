package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.autoscale.AutoscaleDecision;
import dev.ferry.core.autoscale.AutoscaleRule;
import dev.ferry.core.autoscale.AutoscaleSetting;
import dev.ferry.core.autoscale.AutoscaleStore;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AutoscaleStoreTest extends StoreTestSupport {

    private static final AutoscaleRule RULE = new AutoscaleRule(1, 5, Duration.ofMillis(500));

    private AutoscaleStore autoscale;

    @BeforeEach
    void createApp() {
        store.createApp(admin.id(), name("hello"));
        store.scale(name("hello"), Map.of("web", 1), admin.id());
        autoscale = store.autoscale();
    }

    private static AutoscaleDecision decision(int from, int to, String reason) {
        return new AutoscaleDecision(Instant.parse("2026-03-01T10:00:00Z"), from, to, Duration.ofMillis(812), 140,
                reason);
    }

    private List<Event> events() {
        return store.events(name("hello"), Page.FIRST).items();
    }

    @Test
    void keepsTheRuleUntilItIsTurnedOffWithAnEventForEach() {
        assertThat(autoscale.autoscaling(name("hello"))).isEmpty();
        AutoscaleSetting on = autoscale.enableAutoscaling(name("hello"), RULE, admin.id());
        assertThat(on.rule()).isEqualTo(RULE);
        assertThat(on.since()).isEqualTo(clock.instant());
        assertThat(autoscale.autoscaling(name("hello"))).contains(on);
        assertThat(autoscale.autoscaledApps()).containsExactly(on);

        AutoscaleRule wider = new AutoscaleRule(2, 8, Duration.ofMillis(250));
        assertThat(autoscale.enableAutoscaling(name("hello"), wider, admin.id()).rule()).isEqualTo(wider);
        assertThat(autoscale.autoscaledApps()).hasSize(1);

        assertThat(autoscale.disableAutoscaling(name("hello"), "turned off", admin.id())).isTrue();
        assertThat(autoscale.disableAutoscaling(name("hello"), "turned off", admin.id())).isFalse();
        assertThat(autoscale.autoscaling(name("hello"))).isEmpty();
        assertThat(events()).extracting(Event::action).startsWith(EventAction.AUTOSCALE_DISABLE,
                EventAction.AUTOSCALE_ENABLE, EventAction.AUTOSCALE_ENABLE);
        assertThat(events().get(2).detail()).isEqualTo("Autoscale web 1..5, p95 goal 500 ms");
        assertThat(events().get(0).detail()).isEqualTo("Stop autoscaling web: turned off");
    }

    @Test
    void appliesADecisionOnlyWhileOnAndWhileWebIsWhereTheAutoscalerFoundIt() {
        assertThat(autoscale.autoscaled(name("hello"), decision(1, 2, "r"))).as("off").isEmpty();
        assertThat(store.formation(name("hello")).quantity("web")).isEqualTo(1);

        autoscale.enableAutoscaling(name("hello"), RULE, admin.id());
        String reason = "autoscale: web 1→2, p95 812 ms > 500 ms";
        assertThat(autoscale.autoscaled(name("hello"), decision(1, 2, reason)).orElseThrow().quantity("web"))
                .isEqualTo(2);
        assertThat(store.formation(name("hello")).quantity("web")).isEqualTo(2);
        Event event = events().get(0);
        assertThat(event.action()).isEqualTo(EventAction.AUTOSCALE);
        assertThat(event.detail()).isEqualTo(reason);
        assertThat(event.actor()).as("the platform acted").isEmpty();

        assertThat(autoscale.autoscaled(name("hello"), decision(1, 2, "stale"))).as("web is 2 now").isEmpty();
        assertThat(autoscale.autoscaleDecisions(name("hello"))).extracting(AutoscaleDecision::reason)
                .containsExactly(reason);
        AutoscaleDecision kept = autoscale.autoscaleDecisions(name("hello")).get(0);
        assertThat(kept).isEqualTo(decision(1, 2, reason));
    }

    @Test
    void keepsTheLastDecisionsOnly() {
        autoscale.enableAutoscaling(name("hello"), new AutoscaleRule(1, 2, Duration.ofMillis(500)), admin.id());
        for (int i = 0; i < AutoscaleStore.KEPT_DECISIONS + 5; i++) {
            int from = i % 2 == 0 ? 1 : 2;
            assertThat(autoscale.autoscaled(name("hello"), decision(from, 3 - from, "decision " + i))).isPresent();
        }
        List<AutoscaleDecision> kept = autoscale.autoscaleDecisions(name("hello"));
        assertThat(kept).hasSize(AutoscaleStore.KEPT_DECISIONS);
        assertThat(kept.get(0).reason()).isEqualTo("decision " + (AutoscaleStore.KEPT_DECISIONS + 4));
        assertThat(kept.get(kept.size() - 1).reason()).isEqualTo("decision 5");
    }

    @Test
    void followsARenameAndGoesWithItsApp() throws Exception {
        autoscale.enableAutoscaling(name("hello"), RULE, admin.id());
        autoscale.autoscaled(name("hello"), decision(1, 2, "up"));
        store.renameApp(name("hello"), name("hola"), admin.id());
        assertThat(autoscale.autoscaling(name("hola")).map(AutoscaleSetting::rule)).contains(RULE);
        assertThat(autoscale.autoscaleDecisions(name("hola"))).hasSize(1);

        store.destroyApp(name("hola"), admin.id());
        assertThat(autoscale.autoscaledApps()).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM autoscale_settings")).isZero();
        assertThat(count("SELECT COUNT(*) FROM autoscale_decisions")).isZero();
        assertThatThrownBy(() -> autoscale.autoscaling(name("hola"))).isInstanceOf(AppNotFound.class);
        assertThat(autoscale.autoscaled(name("hola"), decision(2, 3, "gone"))).isEqualTo(Optional.empty());
    }
}
