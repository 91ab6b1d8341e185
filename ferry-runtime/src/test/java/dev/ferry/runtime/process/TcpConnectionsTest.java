package dev.ferry.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpConnectionsTest {

    @Test
    void countsEstablishedConnectionsToAPort() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertThat(TcpConnections.establishedTo(port)).isZero();
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port); Socket accepted = server.accept()) {
                await().atMost(Duration.ofSeconds(2)).until(() -> TcpConnections.establishedTo(port) == 1);
            }
            await().atMost(Duration.ofSeconds(2)).until(() -> TcpConnections.establishedTo(port) == 0);
        }
    }

    @Test
    void readsStartTimeOfRunningProcessesOnly() {
        assertThat(ProcStat.startTime(ProcessHandle.current().pid())).isPresent();
        assertThat(ProcStat.startTime(Integer.MAX_VALUE)).isEmpty();
    }
}
