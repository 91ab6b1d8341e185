package dev.ferry.addons;

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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL and Redis servers of {@code ferry up --addons local}: run from the host's installed binaries (the
 * newest {@code /usr/lib/postgresql/N/bin}, {@code redis-server} on the PATH), with their data under
 * {@code <data-dir>/addons/} (under root, PostgreSQL's cluster in {@link #defaultPostgresDirectory}), listening on 127.0.0.1 only (PostgreSQL without a Unix socket), each on a port chosen
 * at the first start and kept in its directory so that add-on URLs stay valid, and supervised by
 * {@link SupervisedProcess}. The admin passwords are random, kept in files of mode 0600 there. Under root, PostgreSQL
 * runs as the {@code postgres} user (it refuses root). {@link #close()} stops both.
 */
public final class LocalAddonServers implements AutoCloseable {

    private final List<SupervisedProcess> processes = new ArrayList<>();
    private AddonServerUrl postgres;
    private AddonServerUrl redis;

    private LocalAddonServers() {
    }

    /**
     * Starts the servers whose binaries are installed, initialising their directories the first time.
     *
     * @throws IOException naming the package to install when neither is installed, or why one did not start
     */
    public static LocalAddonServers start(Path dataDir) throws IOException {
        return start(dataDir, defaultPostgresDirectory(dataDir));
    }

    /**
     * Where the local PostgreSQL keeps its cluster: {@code <data-dir>/addons/postgres}, except under root, where the
     * {@code postgres} user it runs as cannot enter the data dir (mode 0700, and it must stay so: it holds the store):
     * then {@code /var/lib/ferry/addons/<hash of the data dir>/postgres}.
     */
    public static Path defaultPostgresDirectory(Path dataDir) {
        if (!ServerUser.isRoot()) {
            return dataDir.resolve("addons").resolve("postgres");
        }
        String hash;
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(dataDir.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            hash = java.util.HexFormat.of().formatHex(digest, 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
        return Path.of("/var/lib/ferry/addons", hash, "postgres");
    }

    /** As {@link #start(Path)}, with the PostgreSQL cluster in {@code postgresDir}. */
    public static LocalAddonServers start(Path dataDir, Path postgresDir) throws IOException {
        Path root = dataDir.resolve("addons");
        Files.createDirectories(root);
        LocalAddonServers servers = new LocalAddonServers();
        try {
            Optional<Path> pgBin = PostgresBinaries.newestWith("initdb");
            if (pgBin.isPresent()) {
                servers.postgres = servers.startPostgres(pgBin.get(), root, postgresDir);
            }
            if (onPath("redis-server")) {
                servers.redis = servers.startRedis(root);
            }
        } catch (IOException | RuntimeException e) {
            servers.close();
            throw e;
        }
        if (servers.postgres == null && servers.redis == null) {
            throw new IOException("--addons local needs PostgreSQL or Redis installed on this host (Debian: apt-get"
                    + " install postgresql redis-server)");
        }
        return servers;
    }

    /** The admin URL of the local PostgreSQL, when its binaries are installed. */
    public Optional<AddonServerUrl> postgres() {
        return Optional.ofNullable(postgres);
    }

    /** The admin URL of the local Redis, when {@code redis-server} is installed. */
    public Optional<AddonServerUrl> redis() {
        return Optional.ofNullable(redis);
    }

    private AddonServerUrl startPostgres(Path bin, Path root, Path dir) throws IOException {
        Path data = dir.resolve("data");
        Path passwordFile = root.resolve("postgres.password");
        if (Files.exists(data.resolve("PG_VERSION")) && !Files.exists(passwordFile)) {
            throw new IOException("The local PostgreSQL cluster " + dir + " was made for an earlier state of this data"
                    + " dir: its admin password is not in " + passwordFile + ". Its add-ons are no longer known to"
                    + " Ferry; remove " + dir + " to start afresh.");
        }
        int port = port(root.resolve("postgres.port"));
        String password = secret(passwordFile);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Path pwfile = dir.resolve("initdb.pw");
            Files.writeString(pwfile, password + "\n", StandardCharsets.UTF_8);
            ServerUser.own(dir);
            ServerUser.own(pwfile);
            try {
                run(ServerUser.wrap(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "ferry_admin",
                        "--pwfile=" + pwfile, "--auth-local=reject", "--auth-host=scram-sha-256", "-E", "UTF8",
                        "--locale=C")), dir.resolve("initdb.log"));
            } finally {
                Files.deleteIfExists(pwfile);
            }
        }
        Path log = dir.resolve("postgres.log");
        if (!Files.exists(log)) {
            Files.createFile(log);
            ServerUser.own(log);
        }
        AddonServerUrl url = new AddonServerUrl("postgres", "ferry_admin", Optional.of(password), "127.0.0.1", port,
                "postgres");
        SupervisedProcess p = new SupervisedProcess("postgres", ServerUser.wrap(List.of(bin.resolve("postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=")), log, () -> accepts(port));
        p.start();
        processes.add(p);
        return url;
    }

    private AddonServerUrl startRedis(Path root) throws IOException {
        Path dir = root.resolve("redis");
        Files.createDirectories(dir);
        int port = port(root.resolve("redis.port"));
        String password = secret(root.resolve("redis.password"));
        // Add-on users are ACL users: kept in an ACL file (the provisioner saves it) so they survive a restart.
        Path acl = dir.resolve("users.acl");
        if (!Files.exists(acl)) {
            Files.createFile(acl, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(acl, "user default on #" + sha256Hex(password) + " ~* &* +@all\n");
        }
        SupervisedProcess p = new SupervisedProcess("redis-server", List.of("redis-server", "--bind", "127.0.0.1",
                "--port", Integer.toString(port), "--dir", dir.toString(), "--appendonly", "yes",
                "--protected-mode", "yes", "--aclfile", acl.toString(), "--daemonize", "no"),
                dir.resolve("redis.log"), () -> answersPing(port));
        p.start();
        processes.add(p);
        return new AddonServerUrl("redis", "default", Optional.of(password), "127.0.0.1", port, "");
    }

    @Override
    public void close() {
        for (SupervisedProcess p : processes.reversed()) {
            p.close();
        }
        processes.clear();
    }

    private static String sha256Hex(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JDK", e);
        }
    }

    /** The port kept in {@code file}, or a free ephemeral one, kept there. */
    private static int port(Path file) throws IOException {
        if (Files.exists(file)) {
            return Integer.parseInt(Files.readString(file).strip());
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(file, port + "\n");
        return port;
    }

    /** The secret kept in {@code file} (mode 0600), or a new random one, kept there. */
    private static String secret(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        String secret = Secrets.password();
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret + "\n");
        return secret;
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean answersPing(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String reply = new String(in.readNBytes(6), StandardCharsets.US_ASCII);
            return reply.startsWith("+PONG") || reply.startsWith("-NOAUT");
        } catch (IOException e) {
            return false;
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " failed; see " + log + (ServerUser.isRoot()
                        ? " (under root PostgreSQL runs as the postgres user, which must be able to reach " + log.getParent()
                        + ")" : ""));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.getFirst(), e);
        }
    }
}
