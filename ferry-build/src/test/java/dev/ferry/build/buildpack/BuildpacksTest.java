package dev.ferry.build.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildpacksTest {

    @TempDir
    Path src;

    private String detected() throws Exception {
        return Buildpacks.defaults().select(src).name();
    }

    private void file(String name, String content) throws IOException {
        Files.writeString(src.resolve(name), content);
    }

    @Test
    void detectsAProcfileOnlyApp() throws Exception {
        file("Procfile", "web: ./server\n");
        file("server", "#!/bin/sh\n");
        assertThat(detected()).isEqualTo("Procfile");
    }

    @Test
    void detectsAStaticSiteByItsIndexHtml() throws Exception {
        file("index.html", "<h1>hi</h1>");
        assertThat(detected()).isEqualTo("Static site");
    }

    @Test
    void prefersTheProcfileOfAStaticSite() throws Exception {
        file("index.html", "<h1>hi</h1>");
        file("Procfile", "web: python3 -m http.server $PORT\n");
        assertThat(detected()).isEqualTo("Procfile");
    }

    @Test
    void buildsANodeAppWithAProcfileAsNode() throws Exception {
        file("package.json", "{}");
        file("Procfile", "web: node index.js\n");
        file("index.html", "<h1>hi</h1>");
        assertThat(detected()).isEqualTo("Node.js");
    }

    @Test
    void letsDotBuildpacksOverrideDetection() throws Exception {
        file("package.json", "{}");
        file("Procfile", "web: node index.js\n");
        file(".buildpacks", "# no build step please\n\nprocfile\n");
        assertThat(detected()).isEqualTo("Procfile");
    }

    @Test
    void namesTheLineOfAnUnknownBuildpackInDotBuildpacks() throws Exception {
        file(".buildpacks", "\nruby\n");
        assertThatThrownBy(this::detected).isInstanceOf(BuildFailed.class)
                .hasMessage(".buildpacks line 2: unknown buildpack 'ruby' (known: procfile, static, nodejs)");
    }

    @Test
    void failsWhenNothingIsDetected() throws Exception {
        file("README.md", "hello");
        assertThatThrownBy(this::detected).isInstanceOf(BuildFailed.class).hasMessageStartingWith("no buildpack detected");
    }
}
