package dev.ferry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigVarsTest {

    @Test
    void isOrderedByNameAndImmutable() {
        ConfigVars vars = ConfigVars.of(Map.of("B", "2", "A", "1", "_C", "3"));

        assertThat(vars.asMap().keySet()).containsExactly("A", "B", "_C");
        assertThatThrownBy(() -> vars.asMap().put("D", "4")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(vars.with(Map.of("A", "one")).get("A")).contains("one");
        assertThat(vars.get("A")).contains("1");
        assertThat(vars.without(List.of("A", "Z")).asMap().keySet()).containsExactly("B", "_C");
    }

    @Test
    void keepsAwkwardValuesAndHidesThemInToString() {
        ConfigVars vars = ConfigVars.of(Map.of("X", "a = \"b\"\nc", "EMPTY", ""));

        assertThat(vars.get("X")).contains("a = \"b\"\nc");
        assertThat(vars.get("EMPTY")).contains("");
        assertThat(vars.toString()).isEqualTo("ConfigVars[EMPTY, X]");
    }

    @Test
    void refusesBadNamesAndValues() {
        for (String bad : new String[] {"", "1A", "A-B", "A B", "A=B", "É"}) {
            assertThatThrownBy(() -> ConfigVars.of(Map.of(bad, "v"))).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> ConfigVars.of(Map.of("A", "x\0y"))).hasMessageContaining("NUL");
        assertThatThrownBy(() -> ConfigVars.of(Map.of("A", "x".repeat(ConfigVars.MAX_VALUE_LENGTH + 1))))
                .hasMessageContaining("longer than");
    }
}
