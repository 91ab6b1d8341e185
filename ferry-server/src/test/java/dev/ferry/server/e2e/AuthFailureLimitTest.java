package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ferry.core.access.AuthFailureLimits;
import dev.ferry.server.Platform;
import dev.ferry.server.config.FerryConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Wrong secrets are limited per client address on every way in, against a platform allowing 5 failures a window:
 * the 6th attempt from the address is refused (API and git over HTTP: 429 with {@code Retry-After}; the tunnel
 * gateway: {@code too_many_failures}; SSH: disconnected with the wait) even with the right token, while the right
 * token from another loopback address works; after the window the address gets back in. Every failure is logged
 * with the address and never with the secret.
 */
class AuthFailureLimitTest {

    private static final int MAX = 5;
    /** Short, for the tests that wait for an address to get back in. */
    private static final Duration SHORT_WINDOW = Duration.ofSeconds(3);
    /** Long, for the tests whose attempts (ssh processes) may together take longer than a short window. */
    private static final Duration LONG_WINDOW = Duration.ofSeconds(60);
    private static final String WRONG = "ferry_wrong-token-never-logged";

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private Platform platform;
    private Duration window;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    private void start(Duration window) throws Exception {
        this.window = window;
        platform = Platform.start(FerryConfig.ephemeral(dataDir).withSshPort(FerryConfig.EPHEMERAL)
                .withTunnelPort(FerryConfig.EPHEMERAL).withAuthFailureLimits(new AuthFailureLimits(MAX, window)));
        logged.start();
        ((Logger) LoggerFactory.getLogger("dev.ferry.access")).addAppender(logged);
        assertThat(api(platform.adminToken().token(), "/api/apps").statusCode()).isEqualTo(200);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger("dev.ferry.access")).detachAppender(logged);
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void limitsWrongBearerTokensPerAddressAndLetsTheAddressBackInAfterItsWindow() throws Exception {
        start(SHORT_WINDOW);
        for (int i = 0; i < MAX; i++) {
            assertThat(api(WRONG, "/api/apps").statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = api(WRONG, "/api/apps");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(s ->
                assertThat(Integer.parseInt(s)).isBetween(1, 3));
        assertThat(limited.body()).contains("\"code\":\"too_many_auth_failures\"");
        assertThat(api(platform.adminToken().token(), "/api/apps").statusCode()).isEqualTo(429);

        if (secondLoopbackWorks()) {
            assertThat(statusFrom("127.0.0.2", platform.apiPort(), "/api/apps", "Bearer " + platform.adminToken().token()))
                    .isEqualTo(200);
        }
        assertFailuresLogged("API token");

        Thread.sleep(SHORT_WINDOW.toMillis() + 200);
        assertThat(api(platform.adminToken().token(), "/api/apps").statusCode()).isEqualTo(200);
    }

    @Test
    void limitsWrongGitPasswords() throws Exception {
        start(SHORT_WINDOW);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.apiPort() + "/api/apps"))
                .header("Authorization", "Bearer " + platform.adminToken().token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"hello\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        for (int i = 0; i < MAX; i++) {
            assertThat(gitRefs(WRONG).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = gitRefs(platform.adminToken().token());
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Too many failed authentications");
        assertFailuresLogged("git password");

        Thread.sleep(SHORT_WINDOW.toMillis() + 200);
        assertThat(gitRefs(platform.adminToken().token()).statusCode()).isEqualTo(200);
    }

    @Test
    void limitsWrongTunnelAgentTokens() throws Exception {
        start(LONG_WINDOW);
        for (int i = 0; i < MAX; i++) {
            assertThat(hello(WRONG)).startsWith("ERR unauthorized ");
        }
        assertThat(hello(WRONG)).startsWith("ERR too_many_failures too many failed authentications from your address");
        assertFailuresLogged("tunnel agent token");
    }

    @Test
    void limitsSshSessionsThatOfferOnlyUnknownKeys() throws Exception {
        start(LONG_WINDOW);
        Path key = work.resolve("stranger");
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "stranger", "-f", key.toString())
                .redirectErrorStream(true).start();
        assertThat(keygen.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < MAX; i++) {
            assertThat(ssh(key)).contains("Permission denied");
        }
        assertThat(ssh(key)).contains("too many failed authentications from your address");
        assertFailuresLogged("SSH key");
    }

    private HttpResponse<String> api(String token, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.apiPort() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> gitRefs(String password) throws Exception {
        String basic = Base64.getEncoder().encodeToString(("git:" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + platform.apiPort()
                        + "/git/hello.git/info/refs?service=git-upload-pack"))
                .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The gateway's answer to an agent's hello with {@code token}, over TLS as the agent speaks it. */
    private String hello(String token) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustingAnyCertificate()}, null);
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", platform.tunnelPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("FERRY-TUNNEL/1 hello 0 " + token + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    /** The real ssh client trying {@code key} only; its output. */
    private String ssh(Path key) throws Exception {
        Process p = new ProcessBuilder(List.of("ssh", "-F", "/dev/null", "-i", key.toString(), "-o", "StrictHostKeyChecking=no",
                "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-p", String.valueOf(platform.sshPort()), "git@127.0.0.1", "git-upload-pack '/hello.git'"))
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // The failure is counted when the server sees the session close.
        Thread.sleep(100);
        return out;
    }

    /** The status code of a GET sent from {@code localAddress}, over a socket bound there. */
    private static int statusFrom(String localAddress, int port, String path, String authorization) throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + authorization
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private void assertFailuresLogged(String what) {
        List<String> lines = logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).filteredOn(l -> l.startsWith("authentication failed from 127.0.0.1 (" + what + ")")).hasSize(MAX);
        assertThat(lines).anyMatch(l -> l.startsWith("refusing authentication from 127.0.0.1 for " + window.toSeconds() + " s"));
        assertThat(lines).noneMatch(l -> l.contains(WRONG) || l.contains(platform.adminToken().token()));
    }

    private static boolean secondLoopbackWorks() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The gateway's certificate is self-signed; what is tested here is its answer, not its identity. */
    private static final class TrustingAnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
