package dev.ferry.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.testing.RawHttp;
import dev.ferry.core.store.AppName;
import dev.ferry.tunnel.agent.AgentConfig;
import dev.ferry.tunnel.agent.InspectedExchange;
import dev.ferry.tunnel.agent.Inspector;
import dev.ferry.tunnel.agent.InspectorServer;
import dev.ferry.tunnel.agent.TunnelAgent;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code --inspect}: the last requests with heads and the start of bodies, listed and replayable. */
class InspectorTest {

    private static final String PREVIEW = "hello--dev.localhost";

    @Test
    void keepsRecentRequestsWithTheirBodiesAndReplaysThem() throws Exception {
        try (TunnelFixture f = new TunnelFixture(); LocalApp device = new LocalApp("device")) {
            f.startGateway(0, "gw1");
            Inspector inspector = new Inspector();
            TunnelAgent agent = new TunnelAgent(AgentConfig.of(AppName.of("hello"), TunnelFixture.ALICE, device.port(), false),
                    f.directory(), null, inspector).start();
            f.agents.add(agent);
            try (InspectorServer server = new InspectorServer(inspector, 0, "127.0.0.1", device.port())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> RawHttp.getStreamed(f.httpPort(), PREVIEW, "/").status() == 200);
                try (Socket s = new Socket("127.0.0.1", f.httpPort())) {
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    out.write(("POST /form?x=1 HTTP/1.1\r\nHost: " + PREVIEW + "\r\nContent-Length: 9\r\nX-Trace: abc\r\n"
                            + "Connection: close\r\n\r\nname=ferr").getBytes(StandardCharsets.US_ASCII));
                    assertThat(RawHttp.over(s).readStreamed().status()).isEqualTo(200);
                }
                Pattern.send(f.httpPort(), PREVIEW, "POST", "/upload", 50_000);
                await().atMost(Duration.ofSeconds(5)).until(() -> inspector.recent().size() >= 3);

                InspectedExchange form = inspector.recent().stream().filter(e -> e.uri().equals("/form?x=1")).findFirst().orElseThrow();
                assertThat(form.method()).isEqualTo("POST");
                assertThat(new String(form.requestBody(), StandardCharsets.UTF_8)).isEqualTo("name=ferr");
                assertThat(form.requestHeaders()).anyMatch(h -> h.getKey().equals("X-Trace") && h.getValue().equals("abc"));
                assertThat(new String(form.responseBody(), StandardCharsets.UTF_8)).isEqualTo("device POST /form");
                InspectedExchange upload = inspector.recent().stream().filter(e -> e.uri().equals("/upload")).findFirst().orElseThrow();
                assertThat(upload.requestBody()).hasSize(Inspector.MAX_BODY_BYTES);
                assertThat(upload.requestTruncated()).isTrue();

                RawHttp.Response list = RawHttp.getStreamed(server.port(), "127.0.0.1", "/api/requests");
                assertThat(list.status()).isEqualTo(200);
                assertThat(list.text()).contains("\"uri\":\"/form?x=1\"");
                RawHttp.Response replay = Pattern.send(server.port(), "127.0.0.1", "POST",
                        "/api/requests/" + form.id() + "/replay", 0);
                assertThat(replay.text()).isEqualTo("{\"status\":200}");
                assertThat(Pattern.send(server.port(), "127.0.0.1", "POST", "/api/requests/" + upload.id() + "/replay", 0)
                        .status()).isEqualTo(409);
                assertThat(RawHttp.getStreamed(server.port(), "127.0.0.1", "/").text()).contains("/form?x=1");
            }
        }
    }
}
