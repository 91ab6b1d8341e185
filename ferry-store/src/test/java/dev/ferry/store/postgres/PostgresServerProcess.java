package dev.ferry.store.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server (Debian's {@code postgresql} package, which {@code .ci/run} installs) on an ephemeral
 * loopback port with its data in a fresh temporary directory, for the PostgreSQL store's tests: started once
 * per test class, each test taking a {@link #newDatabase() new database} of its own, and stopped (its directory
 * deleted) by {@link #close}. The user {@value #USER} logs in with the password {@value #PASSWORD} over TCP
 * (SCRAM), so the store's password handling is exercised. PostgreSQL refuses to run as root: under root the
 * server runs as the {@code postgres} user (through {@code setpriv}), which owns its directory.
 */
public final class PostgresServerProcess implements AutoCloseable {

    public static final String USER = "ferry";
    public static final String PASSWORD = "ferry-test-password";

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path dir;
    private final Path bin;
    private final int port;
    private Process process;

    private PostgresServerProcess(Path dir, Path bin, int port) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
    }

    /** Creates a cluster in a new temporary directory and starts its server. */
    public static PostgresServerProcess start() throws IOException {
        Path bin = binaries();
        Path dir = Files.createTempDirectory("ferry-postgres-");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostgresServerProcess server = new PostgresServerProcess(dir, bin, port);
        server.initdb();
        server.launch();
        return server;
    }

    /** Where the server's own programs are: the newest {@code /usr/lib/postgresql/N/bin}, else {@code PATH}. */
    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IOException("PostgreSQL's initdb is not installed (install Debian's postgresql package)");
    }

    private void initdb() throws IOException {
        Path data = dir.resolve("data");
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n", StandardCharsets.UTF_8);
        giveToServerUser(dir);
        giveToServerUser(passwordFile);
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"),
                dir.resolve("initdb.log"));
    }

    private void launch() throws IOException {
        List<String> command = asServerUser(List.of(bin.resolve("postgres").toString(), "-D", dir.resolve("data").toString(),
                "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=",
                "-c", "max_connections=200",
                // A test server need not survive a power cut: without fsync, CREATE DATABASE per test is fast.
                "-c", "fsync=off", "-c", "full_page_writes=off"));
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile()).start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("postgres exited with " + process.exitValue() + ": " + log());
            }
            if (acceptsConnections()) {
                return;
            }
            sleep(50);
        }
        throw new IOException("postgres did not accept connections on port " + port + " within 30 s: " + log());
    }

    private boolean acceptsConnections() {
        try (Connection c = location("postgres").dataSource().getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The port the server listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The URL of {@code database} with the user but not the password, as a person would pass it to Ferry. */
    public String url(String database) {
        return "postgres://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** {@code database} on this server, with the password. */
    public PostgresLocation location(String database) {
        return PostgresLocation.parse(url(database), Map.of(PostgresLocation.PASSWORD_VARIABLE, PASSWORD));
    }

    /** Creates an empty database of a new name and returns its name. */
    public String newDatabase() throws SQLException {
        String name = "ferry_test_" + DATABASES.incrementAndGet();
        try (Connection c = location("postgres").dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** Stops the server with a fast shutdown (open connections are closed), keeping its data. */
    public void stop() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Starts the stopped server again on the same port and data. */
    public void restart() throws IOException {
        launch();
    }

    /** Stops the server and deletes its directory. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The server's log so far, all of it: what it logged of the statements it ran when told to log them. */
    public String fullLog() throws IOException {
        return Files.readString(dir.resolve("postgres.log"));
    }

    private String log() {
        try {
            String text = Files.readString(dir.resolve("postgres.log"));
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(asServerUser(command)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Under root, the command run as the {@code postgres} user in place (setpriv execs, so the pid is the server's). */
    private static List<String> asServerUser(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void giveToServerUser(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName("postgres"));
        GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
        view.setGroup(group);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
