package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.store.AppName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The everyday verbs Heroku users type: open, maintenance, releases:info, config --shell/config:export,
 * ps:scale without arguments and by a number, apps:info NAME, apps:destroy -a NAME, and the refusals and no-ops
 * around them, against a real API over a real SQLite store.
 */
class EverydayVerbsTest {

    private static final AppName HELLO = AppName.of("hello");

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        cli = CliRun.asAdminOf(api, home);
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void opensTheAppsUrlInTheBrowserOrPrintsItWithoutOne() throws Exception {
        String webUrl = RunningControlServer.json(api.call("GET", "/api/apps/hello", null)).path("webUrl").asText();
        assertThat(cli.ok("open", "-a", "hello").out()).isEqualTo(webUrl + "\n");
        assertThat(cli.ok("open", "-a", "hello", "/admin").out()).isEqualTo(webUrl + "admin\n");

        Path opened = home.resolve("opened");
        Path browser = home.resolve("browser.sh");
        Files.writeString(browser, "#!/bin/sh\necho \"$1\" > " + opened + "\n");
        assertThat(browser.toFile().setExecutable(true)).isTrue();
        cli.env("BROWSER", browser.toString());
        assertThat(cli.ok("open", "-a", "hello").out()).isEqualTo("Opening " + webUrl + "...\n");
        assertThat(Files.readString(opened)).isEqualTo(webUrl + "\n");
    }

    @Test
    void turnsMaintenanceModeOnAndOffOnEveryHostOfTheApp() {
        cli.ok("domains:add", "-a", "hello", "www.example.com");
        assertThat(cli.ok("maintenance", "-a", "hello").out()).isEqualTo("off\n");
        assertThat(cli.ok("maintenance:on", "-a", "hello").out()).startsWith("Maintenance mode is on for hello");
        assertThat(cli.ok("maintenance", "-a", "hello").out()).isEqualTo("on\n");
        assertThat(cli.ok("maintenance", "-a", "hello", "--json").out()).isEqualTo("{\"app\":\"hello\",\"maintenance\":true}\n");
        assertThat(api.registry.table().route("hello.localhost").policy().maintenance()).isTrue();
        assertThat(api.registry.table().route("www.example.com").policy().maintenance()).isTrue();
        cli.ok("domains:add", "-a", "hello", "api.example.com");
        assertThat(api.registry.table().route("api.example.com").policy().maintenance()).as("a host added meanwhile").isTrue();

        assertThat(cli.ok("maintenance:off", "-a", "hello").out()).startsWith("Maintenance mode is off for hello");
        assertThat(api.registry.table().route("www.example.com").policy().maintenance()).isFalse();
        assertThat(cli.ok("maintenance", "-a", "hello").out()).isEqualTo("off\n");
        cli.fails("Couldn't find an app named nope", "maintenance:on", "-a", "nope");
        var bad = api.call("PUT", "/api/apps/hello/maintenance", "{\"maintenance\":true,\"extra\":1}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(api.registry.table().route("hello.localhost").policy().maintenance()).isFalse();
    }

    @Test
    void showsOneReleaseTheNewestByDefault() {
        cli.ok("config:set", "-a", "hello", "A=1");
        cli.ok("config:set", "-a", "hello", "B=two words");
        String newest = cli.ok("releases:info", "-a", "hello").out();
        assertThat(newest).startsWith("=== Release v2\nChange: Set B config vars\nStatus: succeeded\nBy:     admin@localhost\n")
                .endsWith("=== Process types\nnone\n\n=== Config vars\nA, B\n").doesNotContain("two words");
        assertThat(cli.ok("releases:info", "-a", "hello", "v1").out()).startsWith("=== Release v1\n")
                .endsWith("=== Config vars\nA\n");
        assertThat(cli.ok("releases:info", "-a", "hello", "1", "--json").out())
                .isEqualTo(api.call("GET", "/api/apps/hello/releases/v1", null).body() + "\n");
        cli.fails("has no release v9", "releases:info", "-a", "hello", "v9");
        cli.fails("not a release version", "releases:info", "-a", "hello", "latest");
    }

    @Test
    void printsConfigAsShellLinesThatAShellReadsBack() throws Exception {
        cli.ok("config:set", "-a", "hello", "PLAIN=x", "QUOTE=it's", "SPACES=a  b", "NL=one\ntwo", "DOLLAR=$HOME");
        String shell = cli.ok("config", "-a", "hello", "--shell").out();
        assertThat(shell).contains("PLAIN='x'\n").contains("QUOTE='it'\\''s'\n").contains("DOLLAR='$HOME'\n");
        assertThat(cli.ok("config:export", "-a", "hello").out()).isEqualTo(shell);

        Path script = home.resolve("vars.sh");
        Files.writeString(script, shell + "printf '%s|' \"$PLAIN\" \"$QUOTE\" \"$SPACES\" \"$NL\" \"$DOLLAR\"\n");
        Process sh = new ProcessBuilder("sh", script.toString()).redirectErrorStream(true).start();
        assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(sh.getInputStream().readAllBytes())).isEqualTo("x|it's|a  b|one\ntwo|$HOME|");
    }

    @Test
    void editsConfigInTheEditorAndAppliesEveryChangeAsOneRelease() throws Exception {
        cli.ok("config:set", "-a", "hello", "A=1", "B=2", "NL=one\ntwo", "Q=it's");
        int releases = releaseCount();
        Path editor = script("edit.sh", "sed -i \"s/^A=.*/A='changed'/; /^B=/d\" \"$1\"\necho \"C='new value'\" >> \"$1\"\n");
        cli.env("EDITOR", editor.toString());

        assertThat(cli.ok("config:edit", "-a", "hello").out()).isEqualTo("Set A, C and removed B on hello: v2\n");

        assertThat(api.store.config(HELLO).asMap()).containsExactly(Map.entry("A", "changed"), Map.entry("C", "new value"),
                Map.entry("NL", "one\ntwo"), Map.entry("Q", "it's"));
        assertThat(releaseCount()).isEqualTo(releases + 1);
        assertThat(api.store.releases(HELLO, dev.ferry.core.store.Page.first(1)).items().getFirst().description())
                .isEqualTo("Set A, C and remove B config vars");
    }

    @Test
    void abortsConfigEditCleanlyOnAnUnchangedFileABadLineOrAFailingEditor() throws Exception {
        cli.ok("config:set", "-a", "hello", "A=1");
        int releases = releaseCount();
        cli.env("VISUAL", "true");
        assertThat(cli.ok("config:edit", "-a", "hello").out()).isEqualTo("No changes to the config vars of hello; nothing changed\n");

        cli.env("VISUAL", script("bad.sh", "echo 'A=2' > \"$1\"; echo 'not a line' >> \"$1\"\n").toString());
        cli.fails("line 2 'not a line' is not KEY=VALUE; nothing changed", "config:edit", "-a", "hello");
        cli.env("VISUAL", script("open.sh", "echo \"A='2\" > \"$1\"\n").toString());
        cli.fails("opens a quote that is never closed; nothing changed", "config:edit", "-a", "hello");
        cli.env("VISUAL", "false");
        cli.fails("the editor (false) exited with 1; nothing changed", "config:edit", "-a", "hello");
        cli.without("VISUAL");
        cli.fails("set $VISUAL or $EDITOR", "config:edit", "-a", "hello");

        assertThat(api.store.config(HELLO).asMap()).containsExactly(Map.entry("A", "1"));
        assertThat(releaseCount()).isEqualTo(releases);
    }

    private int releaseCount() {
        return api.store.releases(HELLO, dev.ferry.core.store.Page.first(100)).items().size();
    }

    private Path script(String name, String body) throws Exception {
        Path file = home.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        assertThat(file.toFile().setExecutable(true)).isTrue();
        return file;
    }

    @Test
    void unsettingAVarThatIsNotSetChangesNothingAndMakesNoRelease() {
        cli.ok("config:set", "-a", "hello", "A=1");
        int releases = api.store.releases(HELLO, dev.ferry.core.store.Page.first(100)).items().size();
        assertThat(cli.ok("config:unset", "-a", "hello", "NOPE").out())
                .isEqualTo("NOPE is not set on hello; nothing changed, no new release\n");
        assertThat(api.call("PATCH", "/api/apps/hello/config", "{\"NOPE\":null}").statusCode()).isEqualTo(200);
        assertThat(api.store.releases(HELLO, dev.ferry.core.store.Page.first(100)).items()).hasSize(releases);
        assertThat(cli.ok("config:unset", "-a", "hello", "NOPE", "A").out())
                .isEqualTo("NOPE is not set on hello; skipped\nUnset A on hello: v2\n");
        assertThat(api.store.config(HELLO).asMap()).isEmpty();
    }

    @Test
    void scalesByANumberShowsTheFormationAndRefusesTheReleasePhase() {
        api.store.createDeployRelease(HELLO, "slug-1", "abcdef0123",
                Map.of("web", "npm start", "worker", "node w.js", "release", "./migrate"), api.admin.id());
        assertThat(cli.ok("ps:scale", "-a", "hello").out()).isEqualTo("Formation of hello: web=1 worker=0\n");
        assertThat(cli.ok("ps:scale", "-a", "hello", "web+2", "worker=1").out()).isEqualTo("Scaled hello to web=3 worker=1\n");
        assertThat(cli.ok("ps:scale", "-a", "hello", "web-1", "worker-5").out()).isEqualTo("Scaled hello to web=2 worker=0\n");
        assertThat(cli.ok("ps:scale", "-a", "hello", "--json").out()).isEqualTo("{\"release\":0,\"web\":2,\"worker\":0}\n");
        cli.fails("release is the release phase", "ps:scale", "-a", "hello", "release=1");
        cli.fails("is not TYPE=N, TYPE+N or TYPE-N", "ps:scale", "-a", "hello", "web");
        assertThat(api.store.formation(HELLO).quantities()).containsEntry("web", 2).containsEntry("release", 0);
    }

    @Test
    void namesTheAppPositionallyForInfoAndWithDashAForDestroy() {
        assertThat(cli.ok("apps:info", "hello").out()).startsWith("=== hello\n");
        cli.fails("two apps given", "apps:info", "hello", "-a", "other");
        cli.fails("does not match", "apps:destroy", "-a", "hello", "--confirm", "helo");
        cli.fails("two apps given", "apps:destroy", "hello", "-a", "other", "--confirm", "hello");
        assertThat(api.store.app(HELLO)).isPresent();
        assertThat(cli.ok("apps:destroy", "-a", "hello", "--confirm", "hello").out()).isEqualTo("Destroyed hello\n");
        assertThat(api.store.app(HELLO)).isEmpty();
        cli.fails("no app given", "apps:destroy", "--confirm", "hello");
    }
}
