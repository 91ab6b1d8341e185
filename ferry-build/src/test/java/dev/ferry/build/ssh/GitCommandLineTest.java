package dev.ferry.build.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.ssh.GitCommandLine.Service;
import org.junit.jupiter.api.Test;

class GitCommandLineTest {

    @Test
    void readsTheAppFromEachFormOfPathGitSends() {
        assertThat(GitCommandLine.parse("git-receive-pack '/hello.git'"))
                .contains(new GitCommandLine(Service.RECEIVE_PACK, "hello"));
        assertThat(GitCommandLine.parse("git-receive-pack 'hello.git'"))
                .contains(new GitCommandLine(Service.RECEIVE_PACK, "hello"));
        assertThat(GitCommandLine.parse("git-upload-pack '/hello'")).contains(new GitCommandLine(Service.UPLOAD_PACK, "hello"));
        assertThat(GitCommandLine.parse("git-upload-pack 'hello'")).contains(new GitCommandLine(Service.UPLOAD_PACK, "hello"));
        assertThat(GitCommandLine.parse("git upload-pack hello.git")).contains(new GitCommandLine(Service.UPLOAD_PACK, "hello"));
    }

    @Test
    void undoesGitsShellQuotingAndLeavesTheNameToTheAccessCheck() {
        assertThat(GitCommandLine.parse("git-receive-pack '/it'\\''s.git'"))
                .contains(new GitCommandLine(Service.RECEIVE_PACK, "it's"));
        assertThat(GitCommandLine.parse("git-upload-pack '/../etc/passwd'"))
                .contains(new GitCommandLine(Service.UPLOAD_PACK, "../etc/passwd"));
    }

    @Test
    void refusesOtherCommandsAndBrokenQuoting() {
        assertThat(GitCommandLine.parse("ls -la")).isEmpty();
        assertThat(GitCommandLine.parse("git-upload-archive '/hello.git'")).isEmpty();
        assertThat(GitCommandLine.parse("git-receive-pack")).isEmpty();
        assertThat(GitCommandLine.parse("git-receive-pack '/hello.git")).isEmpty();
        assertThat(GitCommandLine.parse("git-receive-pack '/a.git' 'b'")).isEmpty();
        assertThat(GitCommandLine.parse("git-receive-pack a b")).isEmpty();
        assertThat(GitCommandLine.parse(null)).isEmpty();
    }
}
