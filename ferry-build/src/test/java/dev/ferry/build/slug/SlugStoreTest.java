package dev.ferry.build.slug;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
}
