package dev.ferry.build.ssh;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@link SshGitServer} listens and keeps its host key.
 *
 * @param bindAddress the address to listen on; the platform passes its bind address (127.0.0.1 by default)
 * @param port        the TCP port, 0 for one the OS picks (the platform's default is 2222)
 * @param hostKeyFile the server's Ed25519 private key in OpenSSH format, created (mode 0600) when missing;
 *                    the platform uses {@code <data-dir>/ssh_host_ed25519_key}
 */
public record SshGitConfig(String bindAddress, int port, Path hostKeyFile) {

    /** The host key file's name in the data directory. */
    public static final String HOST_KEY_FILE = "ssh_host_ed25519_key";

    public SshGitConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(hostKeyFile, "hostKeyFile");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ssh port " + port + " is outside 0-65535");
        }
    }

    /** Listens on {@code port} of {@code bindAddress} with the host key in {@code <dataDir>/ssh_host_ed25519_key}. */
    public static SshGitConfig inDataDir(Path dataDir, String bindAddress, int port) {
        return new SshGitConfig(bindAddress, port, dataDir.resolve(HOST_KEY_FILE));
    }
}
