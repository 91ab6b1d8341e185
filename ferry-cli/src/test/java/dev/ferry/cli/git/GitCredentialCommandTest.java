package dev.ferry.cli.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiTarget;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitCredentialCommandTest {

    private static final ApiTarget API = new ApiTarget("http://localhost:7070", Optional.of("s3cret"));

    @Test
    void answersTheTokenForTheApisOwnHost() {
        assertThat(GitCredentialCommand.answer(Map.of("protocol", "http", "host", "localhost:7070", "path", "git/hello.git"), API))
                .hasValue("username=ferry\npassword=s3cret\n");
    }

    @Test
    void answersNothingForAnotherHostPortOrScheme() {
        assertThat(GitCredentialCommand.answer(Map.of("protocol", "http", "host", "github.com"), API)).isEmpty();
        assertThat(GitCredentialCommand.answer(Map.of("protocol", "http", "host", "localhost:7071"), API)).isEmpty();
        assertThat(GitCredentialCommand.answer(Map.of("protocol", "https", "host", "localhost:7070"), API)).isEmpty();
        assertThat(GitCredentialCommand.answer(Map.of(), API)).isEmpty();
    }

    @Test
    void saysWhatToDoWithoutAToken() {
        ApiTarget noToken = new ApiTarget("http://localhost:7070", Optional.empty());
        assertThatThrownBy(() -> GitCredentialCommand.answer(Map.of("protocol", "http", "host", "localhost:7070"), noToken))
                .isInstanceOf(CliFailure.class).hasMessage("no API token: run 'ferry login' first");
    }
}
