package dev.ferry.store.route;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} (Debian's package, which {@code .ci/run} installs) on an ephemeral loopback port
 * with its files in a test's directory, for the Redis registry's tests. {@link #kill()} ends it with SIGKILL
 * and {@link #restart()} starts it again on the same port and directory (so an append-only file is replayed).
 */
public final class RedisServerProcess implements AutoCloseable {

    private final Path dir;
    private final boolean appendOnly;
    private final List<String> extraArgs;
    private final int port;
    private Process process;
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;

    private RedisServerProcess(Path dir, boolean appendOnly, List<String> extraArgs) throws IOException {
        this.dir = dir;
        this.appendOnly = appendOnly;
        this.extraArgs = List.copyOf(extraArgs);
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    /** Starts a server in {@code dir}; with {@code appendOnly}, as {@code appendonly yes} (fsync every second). */
    public static RedisServerProcess start(Path dir, boolean appendOnly) throws IOException {
        RedisServerProcess server = new RedisServerProcess(dir, appendOnly, List.of());
        server.launch();
        return server;
    }

    /** Starts a replica of {@code primary} in {@code dir} ({@code replicaof}); it answers reads only. */
    public static RedisServerProcess startReplicaOf(Path dir, RedisServerProcess primary) throws IOException {
        RedisServerProcess server = new RedisServerProcess(dir, false,
                List.of("--replicaof", "127.0.0.1", Integer.toString(primary.port)));
        server.launch();
        return server;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** A command connection of the test's own (opened once, reconnecting after a restart). */
    public synchronized RedisCommands<String, String> commands() {
        if (connection == null) {
            client = RedisClient.create(uri());
            connection = client.connect();
        }
        return connection.sync();
    }

    /** Kills the server with SIGKILL and waits for it to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Starts the server again on the same port and directory. */
    public void restart() throws IOException {
        launch();
    }

    private void launch() throws IOException {
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--port", Integer.toString(port),
                "--dir", dir.toString(), "--save", "", "--appendonly", appendOnly ? "yes" : "no",
                "--appendfsync", "everysec", "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
        command.addAll(extraArgs);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.out").toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot start redis-server (install Debian's redis-server package): " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with " + process.exitValue() + "; see " + dir.resolve("redis.log"));
            }
            if (answersPing()) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting redis-server", e);
            }
        }
        throw new IOException("redis-server did not answer PING on port " + port + " within 10 s");
    }

    private boolean answersPing() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
