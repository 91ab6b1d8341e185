package dev.ferry.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OneOffCommandTest {

    @Test
    void quotesWordsSoThatAShellReadsThemBackExactly() throws Exception {
        List<String> words = List.of("printf", "%s|", "plain", "b c", "$HOME", "it's", "\"q\"", "`id`", "*", "", "a\nb", "-n");
        String line = ShellQuoting.join(words);

        Process sh = new ProcessBuilder("sh", "-c", line).start();
        String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(sh.waitFor()).isZero();
        List<String> printed = new ArrayList<>(words.subList(2, words.size()));
        assertThat(out).isEqualTo(String.join("|", printed) + "|");
        assertThat(ShellQuoting.quote("web.1")).isEqualTo("web.1");
    }

    @Test
    void refusesWhatCannotRun() {
        assertThatThrownBy(() -> new OneOffCommand(List.of(), Map.of(), Optional.empty(), false))
                .hasMessageContaining("name a program");
        assertThatThrownBy(() -> new OneOffCommand(List.of(""), Map.of(), Optional.empty(), false))
                .hasMessageContaining("name a program");
        assertThatThrownBy(() -> new OneOffCommand(List.of("a\0b"), Map.of(), Optional.empty(), false))
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> new OneOffCommand(List.of("x".repeat(OneOffCommand.MAX_LENGTH + 1)), Map.of(), Optional.empty(), false))
                .hasMessageContaining("at most");
        assertThatThrownBy(() -> new OneOffCommand(List.of("bash"), Map.of(), Optional.of(new OneOffCommand.Terminal(80, 24)), true))
                .hasMessageContaining("detached");
        assertThatThrownBy(() -> new OneOffCommand.Terminal(0, 24)).hasMessageContaining("1 to 10000");
    }

    @Test
    void givesRuntimesWithoutWordsAQuotedShellLine() {
        OneOffCommand c = new OneOffCommand(List.of("echo", "a b"), Map.of("A", "1"), Optional.empty(), false);

        assertThat(c.line()).isEqualTo("echo 'a b'");
    }
}
