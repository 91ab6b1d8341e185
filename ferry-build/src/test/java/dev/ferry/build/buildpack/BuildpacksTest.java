package dev.ferry.build.buildpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.build.BuildFailed;
import dev.ferry.build.manifest.AppJsonReader;
import dev.ferry.core.manifest.AppManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildpacksTest {

    @TempDir
    Path src;

    private String detected() throws Exception {
        return Buildpacks.defaults().select(src, new AppJsonReader().read(src)).name();
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
                .hasMessage(".buildpacks line 2: unknown buildpack 'ruby' (known: procfile, static, nodejs, java-maven, java-gradle, python, go)");
    }

    @Test
    void failsWhenNothingIsDetected() throws Exception {
        file("README.md", "hello");
        assertThatThrownBy(this::detected).isInstanceOf(BuildFailed.class).hasMessageStartingWith("no buildpack detected");
    }

    @Test
    void detectsInTheIssuesOrderProcfileStaticNodeMavenGradlePythonGo() throws Exception {
        file("go.mod", "module example.com/hello\n");
        assertThat(detected()).isEqualTo("Go");
        file("requirements.txt", "");
        assertThat(detected()).isEqualTo("Python");
        file("build.gradle", "");
        assertThat(detected()).isEqualTo("Java (Gradle)");
        file("pom.xml", "<project/>");
        assertThat(detected()).isEqualTo("Java (Maven)");
        file("package.json", "{}");
        assertThat(detected()).isEqualTo("Node.js");
        for (String f : new String[] {"package.json", "pom.xml", "build.gradle", "requirements.txt", "go.mod"}) {
            Files.delete(src.resolve(f));
        }
        file("index.html", "<h1>hi</h1>");
        assertThat(detected()).isEqualTo("Static site");
        file("Procfile", "web: ./server\n");
        assertThat(detected()).isEqualTo("Procfile");
    }

    @Test
    void detectsPythonByPyprojectAndGradleByItsWrapperAlone() throws Exception {
        file("pyproject.toml", "[project]\nname = 'x'\n");
        assertThat(detected()).isEqualTo("Python");
        file("gradlew", "#!/bin/sh\n");
        assertThat(detected()).isEqualTo("Java (Gradle)");
    }

    @Test
    void letsAppJsonChooseTheBuildpackByHerokuNameOrUrl() throws Exception {
        file("index.html", "<h1>hi</h1>");
        file("app.json", "{\"buildpacks\": [{\"url\": \"heroku/nodejs\"}]}");
        assertThat(detected()).isEqualTo("Node.js");
        file("app.json", "{\"buildpacks\": [{\"url\": \"https://github.com/heroku/heroku-buildpack-python.git\"}]}");
        assertThat(detected()).isEqualTo("Python");
        file("app.json", "{\"buildpacks\": [{\"url\": \"java-gradle\"}]}");
        assertThat(detected()).isEqualTo("Java (Gradle)");
        file("app.json", "{\"name\": \"no buildpacks here\"}");
        assertThat(detected()).isEqualTo("Static site");
    }

    @Test
    void prefersDotBuildpacksOverAppJson() throws Exception {
        file("app.json", "{\"buildpacks\": [{\"url\": \"heroku/nodejs\"}]}");
        file(".buildpacks", "heroku/go\n");
        assertThat(detected()).isEqualTo("Go");
    }

    @Test
    void chainsSeveralBuildpacksNamedInAnOverride() throws Exception {
        file(".buildpacks", "nodejs\nstatic\n");
        Buildpack chosen = Buildpacks.defaults().select(src, AppManifest.NONE);
        assertThat(chosen.name()).isEqualTo("Node.js + Static site");
        assertThat(chosen.id()).isEqualTo("nodejs,static");
    }

    @Test
    void namesTheLineOfAnUnknownBuildpackInAppJson() throws Exception {
        file("app.json", "{\n  \"name\": \"x\",\n  \"buildpacks\": [\n    {\"url\": \"heroku/ruby\"}\n  ]\n}\n");
        assertThatThrownBy(this::detected).isInstanceOf(BuildFailed.class)
                .hasMessageStartingWith("app.json line 4: unknown buildpack 'heroku/ruby' (known: procfile,");
    }

    @Test
    void normalisesHerokuNamesUrlsAndAliases() {
        assertThat(Buildpacks.normalise("heroku/nodejs")).isEqualTo("nodejs");
        assertThat(Buildpacks.normalise("heroku/java")).isEqualTo("java-maven");
        assertThat(Buildpacks.normalise("heroku/gradle")).isEqualTo("java-gradle");
        assertThat(Buildpacks.normalise("https://github.com/heroku/heroku-buildpack-go#v170")).isEqualTo("go");
        assertThat(Buildpacks.normalise(" Static ")).isEqualTo("static");
        assertThat(Buildpacks.normalise("ruby")).isEqualTo("ruby");
    }
}
