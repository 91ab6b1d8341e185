package dev.ferry.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.build.slug.TarGzWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime reads a release's app.json out of its slug, the archive the builds make, and nothing else of it. */
class SlugReleaseFactsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheAppJsonAtTheRootOfASlug() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("Procfile"), "web: ./serve\n");
        Files.createDirectories(tree.resolve("lib"));
        Files.writeString(tree.resolve("lib/app.json"), "{\"not\": \"this one\"}");
        Files.writeString(tree.resolve("app.json"), "{\"healthchecks\": {}}");
        Path slug = pack(tree);

        assertThat(SlugReleaseFacts.entry(slug, "app.json")).hasValueSatisfying(bytes ->
                assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("{\"healthchecks\": {}}"));
    }

    @Test
    void findsNoAppJsonInASlugWithoutOne() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("Procfile"), "web: ./serve\n");

        assertThat(SlugReleaseFacts.entry(pack(tree), "app.json")).isEmpty();
    }

    private Path pack(Path tree) throws Exception {
        Path slug = dir.resolve("slug.tar.gz");
        try (OutputStream out = Files.newOutputStream(slug)) {
            TarGzWriter.write(tree, out);
        }
        return slug;
    }
}
