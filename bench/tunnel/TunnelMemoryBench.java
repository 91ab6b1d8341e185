import dev.ferry.core.store.AppName;
import dev.ferry.store.route.JournaledRouteRegistry;
import dev.ferry.tunnel.agent.AgentConfig;
import dev.ferry.tunnel.agent.GatewayDirectory;
import dev.ferry.tunnel.agent.TunnelAgent;
import dev.ferry.tunnel.gateway.GatewayCertificate;
import dev.ferry.tunnel.gateway.GatewayConfig;
import dev.ferry.tunnel.gateway.TunnelAuth;
import dev.ferry.tunnel.gateway.TunnelGateway;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.time.Duration;

/**
 * Memory of tunnels, gateway and agents in two JVMs (as on a real platform, where each side is its own
 * process): this JVM runs a gateway and starts a child JVM with N agents (one idle TLS + HTTP/2 connection each)
 * and a local server; then it opens M idle connections to one tunnel's listener (each a router-side
 * connection, an HTTP/2 stream and a local connection at the agent). Prints heap plus Netty buffer bytes, after
 * full GCs, per idle tunnel and per open stream, on each side.
 * Usage: java -cp ferry.jar TunnelMemoryBench.java [TUNNELS=100] [STREAMS=1000]
 */
public class TunnelMemoryBench {

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("agents")) {
            agents(Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
            return;
        }
        int tunnels = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int streams = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        var group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        var registry = JournaledRouteRegistry.inMemory();
        TunnelAuth auth = (token, app) -> new TunnelAuth.Grant(new dev.ferry.core.store.UserId(1), app, TunnelAuth.previewHost(app, "localhost"), List.of());
        var cert = GatewayCertificate.generate();
        var gateway = new TunnelGateway(GatewayConfig.defaults(0, "bench").withBindAddress("127.0.0.1")
                .withAdvertisedHost("127.0.0.1"), cert, registry, auth, group, NioServerSocketChannel.class).start();
        long gatewayBase = used();

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Dlogback.configurationFile=/dev/null", "-cp",
                System.getProperty("java.class.path"), System.getProperty("jdk.launcher.sourcefile", "bench/tunnel/TunnelMemoryBench.java"),
                "agents", String.valueOf(tunnels), String.valueOf(gateway.port()), cert.fingerprint())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream()));
        PrintWriter toChild = new PrintWriter(child.getOutputStream(), true);
        try {
            long agentBase = Long.parseLong(fromChild.readLine().trim());
            toChild.println("start");
            waitUntil(() -> gateway.tunnelCount() == tunnels, 120_000);
            long gatewayTunnels = used();
            toChild.println("measure");
            long agentTunnels = Long.parseLong(fromChild.readLine().trim());
            System.out.printf("per idle tunnel\tgateway %d B\tagent %d B\t(%d tunnels)%n",
                    (gatewayTunnels - gatewayBase) / tunnels, (agentTunnels - agentBase) / tunnels, tunnels);

            int port = registry.table().route("app0--dev.localhost").endpoints().get(0).port();
            List<Socket> clients = new ArrayList<>();
            for (int i = 0; i < streams; i++) {
                clients.add(new Socket("127.0.0.1", port));
            }
            toChild.println("await " + streams);
            fromChild.readLine();
            long gatewayStreams = used();
            toChild.println("measure");
            long agentStreams = Long.parseLong(fromChild.readLine().trim());
            System.out.printf("per open stream\tgateway %d B\tagent %d B\t(%d streams)%n",
                    (gatewayStreams - gatewayTunnels) / streams, (agentStreams - agentTunnels) / streams, streams);
            for (Socket c : clients) {
                c.close();
            }

            // What of the gateway's share is the route registry (in this JVM here, shared and elsewhere in a fleet):
            // the same routes and endpoints in a registry of their own.
            long before = used();
            var alone = JournaledRouteRegistry.inMemory();
            for (int i = 0; i < tunnels; i++) {
                String host = "copy" + i + "--dev.localhost";
                alone.putRoute(host, dev.ferry.core.route.RoutePolicy.DEFAULT.withTunnel(true));
                alone.addEndpoint(host, dev.ferry.core.route.Endpoint.tunnel("bench-copy-" + i, "127.0.0.1", 20000 + i),
                        Optional.of(Duration.ofSeconds(30)));
            }
            long registryPerTunnel = (used() - before) / tunnels;
            System.out.printf("of which the route registry	%d B per tunnel (gateway without it: %d B)%n", registryPerTunnel,
                    (gatewayTunnels - gatewayBase) / tunnels - registryPerTunnel);
            alone.close();
        } finally {
            child.destroy();
            gateway.close();
            group.shutdownGracefully();
            registry.close();
        }
        System.exit(0);
    }

    /** The child: N agents of apps app0..appN-1 to the gateway, a local server; answers the parent's commands. */
    private static void agents(int n, int gatewayPort, String fingerprint) throws Exception {
        ServerSocket local = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        List<Socket> accepted = new ArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    Socket s = local.accept();
                    synchronized (accepted) {
                        accepted.add(s);
                    }
                }
            } catch (Exception e) {
                // closed
            }
        });
        GatewayDirectory dir = app -> new GatewayDirectory.Directory(
                List.of(new GatewayDirectory.GatewayAddress("127.0.0.1", gatewayPort, fingerprint)), "x");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        System.out.println(used());
        System.out.flush();
        List<TunnelAgent> agents = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            if (line.equals("start")) {
                // One at a time, so that the buffers of 100 simultaneous TLS handshakes do not raise the allocator's
                // high-water mark, which it keeps and which is not per-tunnel state.
                for (int i = 0; i < n; i++) {
                    TunnelAgent agent = new TunnelAgent(AgentConfig.of(AppName.of("app" + i), "t", local.getLocalPort(), false)
                            .withConnections(1), dir, null).start();
                    agents.add(agent);
                    waitUntil(() -> agent.connectedCount() == 1, 10_000);
                }
            } else if (line.equals("measure")) {
                System.out.println(used());
            } else if (line.startsWith("await ")) {
                int want = Integer.parseInt(line.substring(6));
                waitUntil(() -> {
                    synchronized (accepted) {
                        return accepted.size() >= want;
                    }
                }, 120_000);
                System.out.println("ok");
            }
            System.out.flush();
        }
        System.exit(0);
    }

    /** Heap in use after full GCs plus the buffers Netty's allocator holds. */
    private static long used() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        var metric = ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                + metric.usedDirectMemory() + metric.usedHeapMemory();
    }

    private static void waitUntil(java.util.function.BooleanSupplier c, long ms) throws InterruptedException {
        long end = System.currentTimeMillis() + ms;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("timed out");
            }
            Thread.sleep(50);
        }
    }
}
