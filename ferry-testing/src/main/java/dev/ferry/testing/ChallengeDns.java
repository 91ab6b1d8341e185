package dev.ferry.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Pebble's challenge test server ({@code pebble-challtestsrv}, Debian's {@code pebble} package) as a DNS server on an
 * ephemeral loopback port, programmable over its management API: it answers 127.0.0.1 for every A query unless
 * {@link #pointName} says otherwise, and nothing for AAAA. {@link PebbleCa} asks it for the names it validates;
 * tests point Ferry's {@code --dns-resolver} at {@link #address()}.
 */
public final class ChallengeDns implements AutoCloseable {

    private final int dnsPort;
    private final int managementPort;
    private final Process process;

    private ChallengeDns(int dnsPort, int managementPort, Process process) {
        this.dnsPort = dnsPort;
        this.managementPort = managementPort;
        this.process = process;
    }

    /** Starts the server, logging to {@code dir/challtestsrv.log}, and waits until it listens. */
    public static ChallengeDns start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int dns = FreePorts.loopback();
        int management = FreePorts.loopback();
        Process p = new ProcessBuilder("pebble-challtestsrv", "-dns01", "127.0.0.1:" + dns, "-http01", "",
                "-https01", "", "-tlsalpn01", "", "-management", "127.0.0.1:" + management, "-defaultIPv6", "")
                .redirectErrorStream(true).redirectOutput(dir.resolve("challtestsrv.log").toFile()).start();
        ChallengeDns server = new ChallengeDns(dns, management, p);
        try {
            awaitListening(management);
            return server;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** True when the challenge test server is installed here. */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/pebble-challtestsrv"));
    }

    /** Where its DNS answers (UDP and TCP), as {@code 127.0.0.1:PORT}. */
    public String address() {
        return "127.0.0.1:" + dnsPort;
    }

    /** Makes the DNS answer {@code host} with {@code address} (IPv4) from now on. */
    public void pointName(String host, String address) throws IOException, InterruptedException {
        manage("add-a", "{\"host\":\"" + host + ".\",\"addresses\":[\"" + address + "\"]}");
    }

    /** Makes the DNS answer {@code host} with the default, 127.0.0.1, again. */
    public void clearName(String host) throws IOException, InterruptedException {
        manage("clear-a", "{\"host\":\"" + host + ".\"}");
    }

    private void manage(String path, String json) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + managementPort + "/" + path))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("the challenge server refused " + path + ": " + r.statusCode() + " " + r.body());
            }
        }
    }

    static void awaitListening(int port) throws IOException, InterruptedException {
        Instant until = Instant.now().plusSeconds(15);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(until)) {
                    throw new IOException("nothing listens on 127.0.0.1:" + port + " after 15 s", e);
                }
                Thread.sleep(50);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
