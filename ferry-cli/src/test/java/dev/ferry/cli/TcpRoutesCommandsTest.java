package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TcpRoutesCommandsTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer(Set.of(8080));
        cli = new CliRun(home).env("FERRY_API_URL", api.baseUrl()).env("FERRY_API_TOKEN", RunningControlServer.TOKEN);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void addsListsAndRemovesTcpRoutes() {
        CommandRunner.Result add = cli.run("routes:tcp:add", "15432", "tcp://127.0.0.1:5432");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("Added tcp://127.0.0.1:5432 to TCP port 15432 (1 target, round_robin)\n");
        assertThat(cli.run("routes:tcp:add", "15432", "tcp://127.0.0.1:5433", "--weight", "2").exit()).isZero();

        CommandRunner.Result list = cli.run("routes:tcp");
        assertThat(list.out()).isEqualTo(
                "PORT   TARGETS                                                BALANCING\n"
                + "15432  tcp://127.0.0.1:5432, tcp://127.0.0.1:5433 (weight 2)  round_robin\n");
        assertThat(cli.run("routes:tcp", "--json").out()).isEqualTo(api.call("GET", "/api/tcp-routes", null).body() + "\n");

        CommandRunner.Result one = cli.run("routes:tcp:remove", "15432", "tcp://127.0.0.1:5432");
        assertThat(one.out()).isEqualTo("Removed tcp://127.0.0.1:5432 from TCP port 15432 (1 target left)\n");
        assertThat(cli.run("routes:tcp:remove", "15432").out()).isEqualTo("Removed TCP route 15432\n");
        assertThat(api.registry.table().tcpRoutes()).isEmpty();
    }

    @Test
    void reportsAReservedPortInOneLine() {
        CommandRunner.Result r = cli.run("routes:tcp:add", "8080", "tcp://127.0.0.1:5432");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("ferry: port 8080 is one Ferry itself listens on\n");
        CommandRunner.Result missing = cli.run("routes:tcp:remove", "15432");
        assertThat(missing.err()).isEqualTo("ferry: TCP route 15432 not found\n");
    }
}
