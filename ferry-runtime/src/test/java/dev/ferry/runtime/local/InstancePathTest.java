package dev.ferry.runtime.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An instance's PATH names the system directories and the host runtimes its commands use, nothing else. */
class InstancePathTest {

    @TempDir
    Path host;

    @Test
    void keepsOnlyTheHostDirectoriesThatHoldAProgramTheReleaseRuns() throws Exception {
        Path cargo = program("root/.cargo/bin", "cargo");
        Path pyenv = program("root/.pyenv/shims", "python3");
        Path node = program("opt/node/bin", "node", "npm");
        String hostPath = String.join(":", cargo.toString(), pyenv.toString(), node.toString(), "/usr/local/bin",
                "/usr/bin", "/bin");

        String path = InstancePath.of("/app", hostPath, null, List.of("npm start", "node worker.js --queue=jobs"));

        assertThat(path).isEqualTo("/app/bin:" + node + ":/usr/local/bin:/usr/bin:/bin");
        assertThat(InstancePath.of("/app", hostPath, null, List.of("sh -c 'exec python3 -u app.py'")))
                .isEqualTo("/app/bin:" + pyenv + ":/usr/local/bin:/usr/bin:/bin");
    }

    @Test
    void putsTheJdkThatBuiltTheAppFirstWhenACommandRunsJava() throws Exception {
        Path jdk = program("jdk-25/bin", "java").getParent();
        Path oldJava = program("usr-java-17/bin", "java");
        String hostPath = oldJava + ":/usr/bin:/bin";

        assertThat(InstancePath.of("/app", hostPath, jdk.toString(), List.of("java -Dserver.port=$PORT -jar target/app.jar")))
                .isEqualTo("/app/bin:" + jdk.resolve("bin") + ":" + oldJava + ":/usr/bin:/bin");
        assertThat(InstancePath.of("/app", hostPath, jdk.toString(), List.of("./server")))
                .isEqualTo("/app/bin:/usr/bin:/bin");
    }

    @Test
    void fallsBackToTheUsualSystemDirectoriesWithoutAHostPath() {
        assertThat(InstancePath.of("/app", null, null, List.of("./run"))).isEqualTo("/app/bin:/usr/local/bin:/usr/bin:/bin");
    }

    private Path program(String dir, String... names) throws Exception {
        Path d = Files.createDirectories(host.resolve(dir));
        for (String name : names) {
            Path p = Files.writeString(d.resolve(name), "#!/bin/sh\n");
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return d;
    }
}
