package dev.ferry.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    @Test
    void callsAPortClosedAtOnceByAForwarderRefused() throws Exception {
        // what pasta does on the host when nothing listens in the instance's namespace: accept, then close
        try (ServerSocket forwarder = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!forwarder.isClosed()) {
                    try {
                        forwarder.accept().close();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            assertThat(HealthProbe.tcp(forwarder.getLocalPort(), Duration.ofSeconds(1)))
                    .hasValue("port " + forwarder.getLocalPort() + " refused connections");
        }
    }

    @Test
    void callsAPortThatKeepsTheConnectionOpenHealthy() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        held.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            assertThat(HealthProbe.tcp(server.getLocalPort(), Duration.ofSeconds(1))).isEmpty();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
