package dev.ferry.build.slug;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.build.SlugArchive;
import java.io.IOException;
import java.io.OutputStream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlugStoreTest {

    @TempDir
    Path tmp;

    private Path tree(String name, String content) throws Exception {
        Path root = Files.createDirectories(tmp.resolve(name));
        Files.writeString(root.resolve("Procfile"), "web: ./server\n");
        Files.createDirectories(root.resolve("deep/" + "d".repeat(60) + "/" + "e".repeat(60)));
        Files.writeString(root.resolve("deep/" + "d".repeat(60) + "/" + "e".repeat(60) + "/long-name.txt"), content);
        Path server = Files.writeString(root.resolve("server"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("server"));
        return root;
    }

    @Test
    void packsTheSameTreeIntoTheSameSlugAndADifferentOneElsewhere() throws Exception {
        SlugStore store = new SlugStore(tmp.resolve("slugs"));
        Slug first = store.put(tree("a", "one"));
        Thread.sleep(5);
        Slug again = store.put(tree("b", "one"));
        Slug other = store.put(tree("c", "two"));

        assertThat(first.id()).matches("[0-9a-f]{64}").isEqualTo(again.id()).isNotEqualTo(other.id());
        assertThat(first.file()).isEqualTo(tmp.resolve("slugs").resolve(first.id() + ".tar.gz")).isRegularFile();
        try (var files = Files.list(tmp.resolve("slugs"))) {
            assertThat(files).hasSize(2);
        }
    }

    @Test
    void writesAnArchiveThatTarReadsWithModesLinksAndLongNames() throws Exception {
        Slug slug = new SlugStore(tmp.resolve("slugs")).put(tree("a", "one"));
        Process tar = new ProcessBuilder("tar", "-tvzf", slug.file().toString()).redirectErrorStream(true).start();
        String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as(listing).isZero();
        assertThat(listing)
                .contains("-rw-r--r-- 0/0              14 1970-01-01 00:00 Procfile")
                .contains("-rwxr-xr-x 0/0              18 1970-01-01 00:00 server")
                .contains("link -> server")
                .contains("e".repeat(60) + "/long-name.txt");
    }

    @Test
    void storesEachSlugInTheSharedArchiveAndFetchesOneBuiltElsewhere() throws Exception {
        FileArchive archive = new FileArchive(Files.createDirectories(tmp.resolve("archive")));
        Slug built = new SlugStore(tmp.resolve("node-a"), Optional.of(archive)).put(tree("a", "one"));
        assertThat(archive.contains(built.id())).isTrue();

        SlugStore other = new SlugStore(tmp.resolve("node-b"), Optional.of(archive));
        Path fetched = other.slugFile(built.id());
        assertThat(fetched).isEqualTo(tmp.resolve("node-b").resolve(built.id() + ".tar.gz")).hasSameBinaryContentAs(built.file());
        assertThatThrownBy(() -> other.slugFile("0".repeat(64))).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> new SlugStore(tmp.resolve("node-c")).slugFile(built.id()))
                .as("without an archive only the directory counts").isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void refusesASharedSlugWhoseContentIsNotItsId() throws Exception {
        FileArchive archive = new FileArchive(Files.createDirectories(tmp.resolve("archive")));
        Slug built = new SlugStore(tmp.resolve("node-a"), Optional.of(archive)).put(tree("a", "one"));
        Files.writeString(archive.dir.resolve(built.id()), "tampered");

        SlugStore other = new SlugStore(tmp.resolve("node-b"), Optional.of(archive));
        assertThatThrownBy(() -> other.slugFile(built.id())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has the checksum");
        try (var files = Files.list(tmp.resolve("node-b"))) {
            assertThat(files).as("nothing kept").isEmpty();
        }
    }

    @Test
    void sharesASlugMadeBeforeTheStoreWasSharedWhenItIsFirstUsed() throws Exception {
        Slug old = new SlugStore(tmp.resolve("node-a")).put(tree("a", "one"));
        FileArchive archive = new FileArchive(Files.createDirectories(tmp.resolve("archive")));
        assertThat(archive.contains(old.id())).isFalse();

        assertThat(new SlugStore(tmp.resolve("node-a"), Optional.of(archive)).slugFile(old.id())).isEqualTo(old.file());

        assertThat(archive.contains(old.id())).isTrue();
        assertThat(new SlugStore(tmp.resolve("node-b"), Optional.of(archive)).slugFile(old.id()))
                .hasSameBinaryContentAs(old.file());
    }

    /** A shared archive in a directory, as another node would reach it. */
    private record FileArchive(Path dir) implements SlugArchive {

        @Override
        public boolean contains(String slugId) {
            return Files.exists(dir.resolve(slugId));
        }

        @Override
        public void put(String slugId, Path file) throws IOException {
            Files.copy(file, dir.resolve(slugId));
        }

        @Override
        public boolean copyTo(String slugId, OutputStream out) throws IOException {
            if (!contains(slugId)) {
                return false;
            }
            Files.copy(dir.resolve(slugId), out);
            return true;
        }
    }
}
