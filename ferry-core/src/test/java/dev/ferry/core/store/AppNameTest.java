package dev.ferry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AppNameTest {

    @Test
    void acceptsHerokuStyleNames() {
        assertThat(AppName.of("abc").value()).isEqualTo("abc");
        assertThat(AppName.of("my-app-2").toString()).isEqualTo("my-app-2");
        assertThat(AppName.isValid("a" + "b".repeat(29))).isTrue();
    }

    @Test
    void refusesNamesBreakingTheRulesWithASentence() {
        assertThatThrownBy(() -> AppName.of("ab")).hasMessage("app name 'ab' must be 3 to 30 characters long");
        assertThatThrownBy(() -> AppName.of("a".repeat(31))).hasMessageContaining("3 to 30 characters");
        for (String bad : new String[] {"9lives", "-abc", "abc-", "ABC", "a_b", "a.b", "a b", "héllo"}) {
            assertThat(AppName.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> AppName.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must start with a letter");
        }
        assertThat(AppName.isValid(null)).isFalse();
    }

    @Test
    void makesReadableValidRandomNames() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 500; i++) {
            AppName name = AppName.random(random);
            assertThat(name.value()).matches("[a-z]+-[a-z]+-[1-9][0-9]{3}").hasSizeLessThanOrEqualTo(30);
        }
    }
}
