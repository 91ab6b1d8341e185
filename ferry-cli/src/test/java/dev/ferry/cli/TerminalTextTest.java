package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.cli.output.Escaping;
import dev.ferry.cli.output.TerminalText;
import dev.ferry.cli.output.Times;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The escaping of control characters and the relative times, without a server. */
class TerminalTextTest {

    @Test
    void escapesC0C1DelAndBidiControls() {
        assertThat(TerminalText.escape("a\u001b[31mb\rc\u0007d\be\u007ff\u0085g\u009bh\u202ei\u2066j\tk\nl"))
                .isEqualTo("a\\e[31mb\\rc\\ad\\be\\x7ff\\u0085g\\u009bh\\u202ei\\u2066j\\tk\\nl");
        assertThat(TerminalText.escape("plain ü ✓ 日本")).isEqualTo("plain ü ✓ 日本");
    }

    @Test
    void keepsColoursNewLinesAndTabsOfAppOutputAndResetsAtTheEnd() {
        assertThat(TerminalText.escape("\u001b[1;32mok\u001b[0m\tdone\n", Escaping.KEEP_COLOUR))
                .isEqualTo("\u001b[1;32mok\u001b[0m\tdone\n\u001b[0m");
        assertThat(TerminalText.escape("\u001b[2J\u001b]0;title\u0007\rx", Escaping.KEEP_COLOUR))
                .isEqualTo("\\e[2J\\e]0;title\\a\\rx");
        assertThat(TerminalText.escape("\u001b[2J", Escaping.NONE)).isEqualTo("\u001b[2J");
    }

    @Test
    void timesAreRelativeOnATerminalAndUnchangedOtherwise() {
        Clock now = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
        Times relative = new Times(now, true);
        assertThat(relative.format("2026-12-04T11:59:58.123Z")).isEqualTo("just now");
        assertThat(relative.format("2026-12-04T11:59:15Z")).isEqualTo("45 seconds ago");
        assertThat(relative.format("2026-12-04T11:58:00Z")).isEqualTo("2 minutes ago");
        assertThat(relative.format("2026-12-04T11:00:00Z")).isEqualTo("1 hour ago");
        assertThat(relative.format("2026-12-01T12:00:00Z")).isEqualTo("3 days ago");
        assertThat(relative.format("2026-10-01T12:00:00Z")).isEqualTo("2026-10-01");
        assertThat(relative.format("never")).isEqualTo("never");
        assertThat(new Times(now, false).format("2026-12-04T11:58:00Z")).isEqualTo("2026-12-04T11:58:00Z");
    }
}
