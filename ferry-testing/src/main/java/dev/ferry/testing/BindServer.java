package dev.ferry.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real authoritative DNS server, BIND's {@code named} from Debian's {@code bind9} package, started for one test on
 * an ephemeral loopback port (UDP and TCP) with a generated configuration: primary zones (SOA, NS, and an A record
 * of 127.0.0.1 for the apex and every name under it), dynamic updates of TXT records in the first allowed to one new
 * TSIG key (hmac-sha256), recursion and the control channel off. {@link #keyFile()} holds that key in BIND's own form, as
 * Ferry's {@code --acme-dns-tsig-file} reads it. Fails at start with a message to install bind9 when it is missing.
 */
public final class BindServer implements AutoCloseable {

    /** The name of the TSIG key that may update the zone. */
    public static final String KEY_NAME = "ferry-acme";

    private static final Path NAMED = Path.of("/usr/sbin/named");

    private final Path dir;
    private final String zone;
    private final List<String> otherZones;
    private final int port;
    private Process named;

    private BindServer(Path dir, String zone, List<String> otherZones) {
        this.dir = dir;
        this.zone = zone;
        this.otherZones = otherZones;
        this.port = FreePorts.loopback();
    }

    /**
     * Starts {@code named} in {@code dir} serving {@code zone}, which the key may update, and {@code otherZones},
     * which it may not.
     *
     * @throws IllegalStateException when {@code named} is not installed
     */
    public static BindServer start(Path dir, String zone, String... otherZones) throws IOException, InterruptedException {
        if (!Files.isExecutable(NAMED)) {
            throw new IllegalStateException("BIND's named is not installed at " + NAMED + ": install Debian's bind9"
                    + " package (apt-get install bind9; .ci/run does)");
        }
        BindServer server = new BindServer(dir, zone, List.of(otherZones));
        try {
            server.startNamed();
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void startNamed() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(keyFile(), """
                key "%s" {
                	algorithm hmac-sha256;
                	secret "%s";
                };
                """.formatted(KEY_NAME, Base64.getEncoder().encodeToString(secret)));
        StringBuilder zones = new StringBuilder();
        for (String z : Stream.concat(Stream.of(zone), otherZones.stream()).toList()) {
            Files.writeString(dir.resolve(z + ".zone"), """
                    $TTL 60
                    @ IN SOA ns1.%1$s. admin.%1$s. ( 1 60 60 600 60 )
                    @ IN NS ns1.%1$s.
                    @ IN A 127.0.0.1
                    * IN A 127.0.0.1
                    """.formatted(z));
            zones.append("""
                    zone "%1$s" {
                        type primary;
                        file "%2$s/%1$s.zone";
                        %3$s
                    };
                    """.formatted(z, dir, z.equals(zone) ? "update-policy { grant " + KEY_NAME + " zonesub TXT; };" : ""));
        }
        Files.writeString(dir.resolve("named.conf"), """
                include "%1$s";
                options {
                    directory "%2$s";
                    pid-file "%2$s/named.pid";
                    session-keyfile "%2$s/session.key";
                    listen-on port %3$d { 127.0.0.1; };
                    listen-on-v6 { none; };
                    recursion no;
                    dnssec-validation no;
                    allow-transfer { none; };
                    notify no;
                };
                controls { };
                """.formatted(keyFile(), dir, port) + zones);
        named = new ProcessBuilder(NAMED.toString(), "-g", "-4", "-c", dir.resolve("named.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("named.log").toFile()).start();
        Instant until = Instant.now().plusSeconds(20);
        // "running" is the last line of a start: the zone is loaded and the listeners are open.
        while (log().lines().noneMatch(line -> line.endsWith(" running"))) {
            if (!named.isAlive() || Instant.now().isAfter(until)) {
                throw new IOException("named did not start on 127.0.0.1:" + port + ": " + log());
            }
            Thread.sleep(50);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }

    /** Where it answers, UDP and TCP. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** {@code 127.0.0.1:<port>}. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The zone it serves. */
    public String zone() {
        return zone;
    }

    /** The TSIG key that may update the zone, in BIND's {@code key "NAME" { ... };} form. */
    public Path keyFile() {
        return dir.resolve("tsig.key");
    }

    /** Its log so far, for failure messages. */
    public String log() throws IOException {
        Path log = dir.resolve("named.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        if (named != null) {
            named.destroy();
            try {
                if (!named.waitFor(10, TimeUnit.SECONDS)) {
                    named.destroyForcibly();
                }
            } catch (InterruptedException e) {
                named.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
