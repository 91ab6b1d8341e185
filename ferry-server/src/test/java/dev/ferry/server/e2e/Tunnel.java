package dev.ferry.server.e2e;

import dev.ferry.testing.CommandRunner;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real {@code ferry tunnel <port> -a <app>} of a device, run by the in-process CLI on a thread of its own until
 * {@link #close()} interrupts it (as Ctrl-C ends it) and waits for it to end.
 */
final class Tunnel implements AutoCloseable {

    private final Thread thread;
    private final AtomicReference<CommandRunner.Result> result = new AtomicReference<>();

    private Tunnel(Cli cli, Backend device, String app) {
        this.thread = Thread.ofPlatform().name("ferry-tunnel-cli").start(() -> result.set(
                cli.run("tunnel", String.valueOf(device.port()), "-a", app)));
    }

    /** Starts the tunnel; it connects to the gateways the platform lists by itself. */
    static Tunnel start(Cli cli, Backend device, String app) {
        return new Tunnel(cli, device, app);
    }

    /** What the command printed and its exit code, once it ended; null while it runs. */
    CommandRunner.Result result() {
        return result.get();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
