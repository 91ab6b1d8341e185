package dev.ferry.build.ssh;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * A command that only refuses: it writes one sentence to the client's stderr and exits with status 1.
 * Used for shells and commands other than git's.
 */
final class RefusedCommand implements Command {

    private final String message;
    private OutputStream err;
    private ExitCallback exit;

    RefusedCommand(String message) {
        this.message = message;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        err.write(("ferry: " + message + "\n").getBytes(StandardCharsets.UTF_8));
        err.flush();
        exit.onExit(1, message);
    }

    @Override
    public void destroy(ChannelSession channel) {
    }

    @Override
    public void setInputStream(java.io.InputStream in) {
    }

    @Override
    public void setOutputStream(OutputStream out) {
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }
}
