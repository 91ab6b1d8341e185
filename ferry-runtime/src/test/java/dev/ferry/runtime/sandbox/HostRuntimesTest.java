package dev.ferry.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostRuntimesTest {

    @TempDir
    Path tmp;

    @Test
    void exposesRuntimesOutsideSystemDirsButNeverTheDataDir() throws Exception {
        Path node = Files.createDirectories(tmp.resolve("node/bin"));
        Path data = Files.createDirectories(tmp.resolve("data"));
        Path inData = Files.createDirectories(data.resolve("bin"));

        var dirs = HostRuntimes.find(String.join(":", "/usr/bin", "/bin", node.toString(), inData.toString(),
                tmp.resolve("missing").toString(), "relative/bin"), null, data);

        assertThat(dirs).containsExactly(node);
    }

    @Test
    void exposesTheWholeVersionManagerUnderAHomeDirectory() {
        if (Files.isDirectory(Path.of("/root/.pyenv/shims"))) {
            assertThat(HostRuntimes.find("/root/.pyenv/shims", null, Path.of("/nonexistent")))
                    .containsExactly(Path.of("/root/.pyenv"));
        }
        assertThat(HostRuntimes.find("/usr/local/bin:/sbin", null, Path.of("/nonexistent"))).isEmpty();
    }
}
