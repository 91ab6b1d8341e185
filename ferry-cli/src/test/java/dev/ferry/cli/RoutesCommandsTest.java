package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.core.route.BackendProtocol;
import dev.ferry.core.route.Endpoint;
import dev.ferry.testing.CommandRunner;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutesCommandsTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer();
        cli = new CliRun(home).env("FERRY_API_URL", api.baseUrl()).env("FERRY_API_TOKEN", RunningControlServer.TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void refusesAForeignTargetOnAnAppsHostUnlessForcedAndChangesNothing() {
        assertThat(api.call("POST", "/api/apps", "{\"name\":\"hello\"}").statusCode()).isEqualTo(201);
        assertThat(api.call("POST", "/api/apps/hello/domains", "{\"hostname\":\"www.example.com\"}").statusCode()).isEqualTo(201);
        for (String host : new String[] {"hello.localhost", "www.example.com"}) {
            CommandRunner.Result refused = cli.run("routes:add", host, "http://127.0.0.1:9001");
            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.err()).isEqualTo("ferry: " + host + " is a host of the app hello: a target added here would"
                    + " join the pool of its instances; use another name, or force it (routes:add --force)\n");
            assertThat(api.registry.table().route(host).endpoints()).isEmpty();
        }
        CommandRunner.Result forced = cli.run("routes:add", "hello.localhost", "http://127.0.0.1:9001", "--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(api.registry.table().route("hello.localhost").endpoints()).hasSize(1);
        assertThat(cli.run("routes:add", "nothello.localhost", "http://127.0.0.1:9001").exit()).isZero();
    }

    @Test
    void addsRoutesAndListsThemAsAnAlignedTable() {
        CommandRunner.Result add = cli.run("routes:add", "app1.local", "http://127.0.0.1:9001");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("Added http://127.0.0.1:9001 to app1.local (1 target, round_robin)\n");
        assertThat(cli.run("routes:add", "app1.local", "http://127.0.0.1:9002", "--weight", "3").exit()).isZero();
        assertThat(cli.run("routes:add", "longer-name.local", "http://127.0.0.1:9003", "--balancing", "least_outstanding",
                "--affinity").exit()).isZero();

        CommandRunner.Result list = cli.run("routes");
        assertThat(list.exit()).isZero();
        assertThat(list.err()).isEmpty();
        assertThat(list.out()).isEqualTo(
                "DOMAIN             TARGETS                                                  BALANCING          AFFINITY\n"
                + "app1.local         http://127.0.0.1:9001, http://127.0.0.1:9002 (weight 3)  round_robin        off\n"
                + "longer-name.local  http://127.0.0.1:9003                                    least_outstanding  on\n");
        assertThat(list.out()).doesNotContain("\u001b[");
    }

    @Test
    void setsTheRoutesBodyLimit() {
        CommandRunner.Result add = cli.run("routes:add", "up.local", "http://127.0.0.1:9001", "--max-body-bytes", "1048576");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(api.registry.table().route("up.local").policy().maxBodyBytes()).isEqualTo(1_048_576L);
        assertThat(cli.run("routes", "--json").out()).contains("\"maxBodyBytes\":1048576");

        CommandRunner.Result negative = cli.run("routes:add", "up.local", "http://127.0.0.1:9002", "--max-body-bytes", "-1");
        assertThat(negative.exit()).isNotZero();
        assertThat(negative.err()).contains("maxBodyBytes");
        assertThat(cli.run("routes:add", "up.local", "http://127.0.0.1:9002", "--max-body-bytes", "0").exit()).isZero();
        assertThat(api.registry.table().route("up.local").policy().maxBodyBytes()).isZero();
    }

    @Test
    void marksARouteH2cForGrpcApps() {
        CommandRunner.Result add = cli.run("routes:add", "grpc.local", "http://127.0.0.1:9001", "--protocol", "h2c");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(api.registry.table().route("grpc.local").policy().protocol()).isEqualTo(BackendProtocol.H2C);
        assertThat(cli.run("routes", "--json").out()).contains("\"protocol\":\"h2c\"");

        CommandRunner.Result bad = cli.run("routes:add", "grpc.local", "http://127.0.0.1:9002", "--protocol", "h3");
        assertThat(bad.exit()).isNotZero();
        assertThat(bad.err()).contains("http1, h2c");
        assertThat(api.registry.table().route("grpc.local").endpoints()).hasSize(1);
    }

    @Test
    void printsTheApisJsonArrayWithJson() {
        cli.run("routes:add", "app1.local", "http://127.0.0.1:9001");
        cli.run("routes:add", "app2.local", "http://127.0.0.1:9002", "--health-path", "/up");
        CommandRunner.Result json = cli.run("routes", "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.out()).isEqualTo(api.call("GET", "/api/routes", null).body() + "\n");
        assertThat(json.out()).startsWith("[{\"domain\":\"app1.local\",\"targets\":[{\"id\":\"" + Endpoint.idFor("127.0.0.1", 9001) + "\"");
    }

    @Test
    void saysSoWhenThereAreNoRoutes() {
        CommandRunner.Result list = cli.run("routes");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).startsWith("No routes yet.");
        assertThat(cli.run("routes", "--json").out()).isEqualTo("[]\n");
    }

    @Test
    void boldsTheHeaderOnlyOnATerminalWithoutNoColor() {
        cli.run("routes:add", "app1.local", "http://127.0.0.1:9001");
        assertThat(cli.terminal(true).run("routes").out()).startsWith("\u001b[1mDOMAIN");
        assertThat(cli.terminal(true).env("NO_COLOR", "1").run("routes").out()).startsWith("DOMAIN").doesNotContain("\u001b[");
        assertThat(cli.terminal(true).without("NO_COLOR").env("TERM", "dumb").run("routes").out()).doesNotContain("\u001b[");
    }

    @Test
    void removesOneTargetOrTheWholeRoute() {
        cli.run("routes:add", "app1.local", "http://127.0.0.1:9001");
        cli.run("routes:add", "app1.local", "http://127.0.0.1:9002");
        CommandRunner.Result one = cli.run("routes:remove", "app1.local", "http://127.0.0.1:9001");
        assertThat(one.exit()).as(one.err()).isZero();
        assertThat(one.out()).isEqualTo("Removed http://127.0.0.1:9001 from app1.local (1 target left)\n");
        assertThat(api.registry.table().route("app1.local").endpoints()).containsExactly(Endpoint.of("127.0.0.1", 9002));

        CommandRunner.Result all = cli.run("routes:remove", "app1.local");
        assertThat(all.exit()).isZero();
        assertThat(all.out()).isEqualTo("Removed route app1.local\n");
        assertThat(api.registry.table().route("app1.local")).isNull();
    }

    @Test
    void reportsAMissingRouteInOneLine() {
        CommandRunner.Result r = cli.run("routes:remove", "app1.local");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("ferry: route app1.local not found\n");
    }

    @Test
    void reportsRefusalsWithTheApisSentence() {
        cli.run("routes:add", "app1.local", "http://127.0.0.1:9001");
        CommandRunner.Result dup = cli.run("routes:add", "app1.local", "http://127.0.0.1:9001");
        assertThat(dup.exit()).isEqualTo(1);
        assertThat(dup.err()).isEqualTo("ferry: route app1.local already has the target http://127.0.0.1:9001\n");
        CommandRunner.Result bad = cli.run("routes:add", "app1.local", "http://127.0.0.1:9002", "--balancing", "random");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("ferry: balancing 'random' is not one of round_robin, least_outstanding\n");
        CommandRunner.Result domain = cli.run("routes:remove", "bad_name!");
        assertThat(domain.exit()).isEqualTo(1);
        assertThat(domain.err().lines()).hasSize(1).allMatch(l -> l.startsWith("ferry: domain 'bad_name!'"));
    }

    @Test
    void reportsARefusedTokenInOneLine() {
        CommandRunner.Result r = cli.env("FERRY_API_TOKEN", "ferry_wrong").run("routes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: the API refused the token (401): set FERRY_API_TOKEN or run ferry login\n");
    }

    @Test
    void reportsAnUnreachableApiInOneLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;
        CommandRunner.Result r = cli.env("FERRY_API_URL", url).run("routes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: cannot reach the Ferry API at " + url
                + " (connection refused) — is `ferry up` running?\n");
    }

    @Test
    void reportsAMissingTokenInOneLine() {
        CommandRunner.Result r = cli.without("FERRY_API_TOKEN").env("FERRY_DATA_DIR", home.resolve("none").toString()).run("routes");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: no API token for " + api.baseUrl() + ": set FERRY_API_TOKEN or run ferry login\n");
    }

    @Test
    void reportsUsageErrorsInOneLineWithExitCode2() {
        CommandRunner.Result r = cli.run("routes:add", "app1.local");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("ferry: Missing required parameter: 'URL'").contains("ferry routes:add --help");
        CommandRunner.Result unknown = cli.run("nope");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().lines()).hasSize(1);
    }

    @Test
    void documentsEveryCommandAndOption() {
        CommandRunner.Result help = cli.run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("routes:add", "routes:remove", "routes", "login", "FERRY_API_URL", "--version");
        CommandRunner.Result addHelp = cli.run("routes:add", "--help");
        assertThat(addHelp.exit()).isZero();
        assertThat(addHelp.out()).contains("DOMAIN", "URL", "--weight", "--balancing", "--[no-]affinity", "--health-path",
                "--max-body-bytes");
        CommandRunner.Result version = cli.run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).matches("ferry \\d+\\.\\d+\\.\\d+.*\\n");
        assertThat(FerryCli.commandLine(cli.environment()).getSubcommands()).containsKeys("routes", "routes:add", "routes:remove", "login");
    }
}
