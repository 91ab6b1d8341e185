package dev.ferry.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.Formation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppManifestTest {

    private static final AppName APP = AppName.of("hello");

    private static AppManifest withFormation(Map<String, ProcessFormation> formation) {
        return new AppManifest(List.of(), Map.of(), formation, Optional.empty(), Optional.empty());
    }

    @Test
    void givesEveryDeclaredTypeItsQuantityOnTheFirstDeploy() {
        AppManifest manifest = withFormation(Map.of("web", new ProcessFormation(0, Optional.empty()),
                "worker", new ProcessFormation(1, Optional.of("standard-1x"))));

        assertThat(manifest.firstQuantities(new Formation(APP, Map.of()), List.of("worker", "web", "release")))
                .containsExactly(Map.entry("worker", 1), Map.entry("web", 0));
    }

    @Test
    void leavesTypesTheFormationAlreadyHoldsToScale() {
        AppManifest manifest = withFormation(Map.of("web", new ProcessFormation(3, Optional.empty()),
                "clock", new ProcessFormation(1, Optional.empty())));
        Formation scaled = new Formation(APP, Map.of("web", 2));

        assertThat(manifest.firstQuantities(scaled, List.of("web", "clock"))).containsExactly(Map.entry("clock", 1));
        assertThat(AppManifest.NONE.firstQuantities(new Formation(APP, Map.of()), List.of("web"))).isEmpty();
    }
}
