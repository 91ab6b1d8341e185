package dev.ferry.build.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.BuildFailed;
import org.junit.jupiter.api.Test;

class ProcfileTest {

    @Test
    void readsProcessTypesInOrderSkippingCommentsAndBlankLines() throws BuildFailed {
        Procfile p = Procfile.parse("\uFEFF# processes\n\nweb: node server.js --port $PORT\r\n  worker :  ./work.sh  \nrelease: ./migrate\n");
        assertThat(p.processTypes()).containsExactly(
                org.assertj.core.api.Assertions.entry("web", "node server.js --port $PORT"),
                org.assertj.core.api.Assertions.entry("worker", "./work.sh"),
                org.assertj.core.api.Assertions.entry("release", "./migrate"));
    }

    @Test
    void keepsColonsInsideTheCommand() throws BuildFailed {
        assertThat(Procfile.parse("web: java -cp a:b Main\n").processTypes()).containsEntry("web", "java -cp a:b Main");
    }

    @Test
    void namesTheLineOfAMalformedEntry() {
        assertThatThrownBy(() -> Procfile.parse("web: ./server\n\nthis has no colon\n"))
                .isInstanceOf(BuildFailed.class)
                .hasMessage("Procfile line 3: expected 'type: command', found 'this has no colon'");
    }

    @Test
    void refusesAnEmptyCommandAndADuplicateType() {
        assertThatThrownBy(() -> Procfile.parse("web:\n"))
                .hasMessage("Procfile line 1: the process type 'web' has no command");
        assertThatThrownBy(() -> Procfile.parse("web: a\nweb: b\n"))
                .hasMessage("Procfile line 2: the process type 'web' is declared twice");
        assertThatThrownBy(() -> Procfile.parse("we b: a\n")).hasMessageStartingWith("Procfile line 1:");
    }

    @Test
    void acceptsAProcfileWithOnlyComments() throws BuildFailed {
        assertThat(Procfile.parse("# nothing yet\n").processTypes()).isEmpty();
    }

    @Test
    void refusesATypeNameTheReleaseWouldRefuse() {
        // the rule of dev.ferry.core.store.ProcessType, which every release applies
        assertThatThrownBy(() -> Procfile.parse("web: ./server\nWorker: ./work\n"))
                .isInstanceOf(BuildFailed.class)
                .hasMessage("Procfile line 2: 'Worker' is not a process type name: use 1 to 63 lowercase letters,"
                        + " digits, '-' and '_'");
        assertThatThrownBy(() -> Procfile.parse("-web: ./server\n")).hasMessageStartingWith("Procfile line 1: '-web'");
    }
}
