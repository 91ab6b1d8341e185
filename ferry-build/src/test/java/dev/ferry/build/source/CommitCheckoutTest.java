package dev.ferry.build.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.BuildFailed;
import dev.ferry.build.TestRepo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitCheckoutTest {

    @TempDir
    Path tmp;

    @Test
    void writesFilesWithTheirExecutableBitAndSkipsSymbolicLinks() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            repo.write("Procfile", "web: ./bin/server\n").write("bin/server", "#!/bin/sh\n");
            Files.setPosixFilePermissions(repo.dir().resolve("bin/server"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createSymbolicLink(repo.dir().resolve("escape"), Path.of("/etc/passwd"));
            String commit = repo.commit("app");
            List<String> log = new ArrayList<>();

            int files = CommitCheckout.checkout(repo.repository(), commit, tmp.resolve("src"), log::add);

            assertThat(files).isEqualTo(2);
            assertThat(tmp.resolve("src/Procfile")).hasContent("web: ./bin/server");
            assertThat(Files.isExecutable(tmp.resolve("src/bin/server"))).isTrue();
            assertThat(tmp.resolve("src/escape")).doesNotExist();
            assertThat(Files.isSymbolicLink(tmp.resolve("src/escape"))).isFalse();
            assertThat(log).contains("       warning: skipped the symbolic link escape");
        }
    }

    @Test
    void refusesPathsThatLeaveTheWorkDirectory() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        for (String bad : List.of("../x", "a/../../x", "/etc/passwd", ".git/config", "a/.GIT/hooks", "a//b", "a\\b")) {
            assertThatThrownBy(() -> CommitCheckout.safePath(root, bad)).as(bad).isInstanceOf(BuildFailed.class);
        }
        assertThat(CommitCheckout.safePath(root, "a/b.txt")).isEqualTo(root.resolve("a/b.txt"));
    }

    @Test
    void refusesACommitWhoseFilesHoldMoreThanTheLimitBeforeWritingPastIt() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            String zeros = "0".repeat(600 * 1024);
            repo.write("a.bin", zeros).write("b.bin", zeros);
            String commit = repo.commit("zeros");

            assertThatThrownBy(() -> CommitCheckout.checkout(repo.repository(), commit, tmp.resolve("src"), l -> { },
                    1024 * 1024))
                    .isInstanceOf(BuildFailed.class)
                    .hasMessage("the pushed commit's files hold more than 1 MiB (at b.bin); the platform's limit is"
                            + " ferry up --max-source-size");
            assertThat(tmp.resolve("src/b.bin")).doesNotExist();
            assertThat(CommitCheckout.checkout(repo.repository(), commit, tmp.resolve("src2"), l -> { }, 2 * 1024 * 1024))
                    .isEqualTo(2);
        }
    }

    @Test
    void failsForACommitThatIsNotInTheRepository() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo"))) {
            assertThatThrownBy(() -> CommitCheckout.checkout(repo.repository(), "1".repeat(40), tmp.resolve("src"), l -> { }))
                    .isInstanceOf(BuildFailed.class).hasMessageContaining("is not in the repository");
        }
    }

    @Test
    void refusesACommitWhoseTreeNamesAParentDirectory() throws Exception {
        try (TestRepo repo = new TestRepo(tmp.resolve("repo")); ObjectInserter inserter = repo.repository().newObjectInserter()) {
            ObjectId blob = inserter.insert(Constants.OBJ_BLOB, "escaped\n".getBytes(StandardCharsets.UTF_8));
            TreeFormatter inner = new TreeFormatter();
            inner.append("evil.txt", FileMode.REGULAR_FILE, blob);
            ObjectId innerTree = inserter.insert(inner);
            TreeFormatter root = new TreeFormatter();
            root.append("..", FileMode.TREE, innerTree);
            ObjectId rootTree = inserter.insert(root);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(rootTree);
            PersonIdent who = new PersonIdent("Test", "test@example.com");
            commit.setAuthor(who);
            commit.setCommitter(who);
            commit.setMessage("crafted");
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            Path target = tmp.resolve("work/src");

            assertThatThrownBy(() -> CommitCheckout.checkout(repo.repository(), id.getName(), target, l -> { }))
                    .isInstanceOf(BuildFailed.class).hasMessageStartingWith("the repository has an unsafe path");
            assertThat(tmp.resolve("work/evil.txt")).doesNotExist();
        }
    }
}
