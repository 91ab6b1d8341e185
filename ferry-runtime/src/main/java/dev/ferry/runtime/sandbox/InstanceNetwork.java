package dev.ferry.runtime.sandbox;

import dev.ferry.runtime.process.ChildCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network of a sandboxed process: either the host's, or (isolated) a network namespace of its own that
 * bubblewrap creates ({@code --unshare-net}) and pasta connects. pasta forwards the instance's {@code $PORT} from
 * {@code 127.0.0.1:<port>} on the host into the namespace (so routers, health checks and the drain's connection
 * count keep using the host's loopback), forwards the namespace's loopback ports {@link #reachablePorts} (the
 * router's published ports) to the host's, and carries outbound connections to other addresses through its own
 * sockets. Nothing else of the host's loopback is reachable: the namespace's {@code 127.0.0.1} is its own, and
 * {@code --no-map-gw} stops the gateway address from standing for the host. See decision 012.
 *
 * <p>pasta runs as a child of Ferry with a parent-death signal ({@code setpriv --pdeathsig KILL}), so it never
 * outlives Ferry, and is stopped with the instance. Built once by {@link #probe}; {@link #describe()} says what
 * is in use.
 */
public final class InstanceNetwork {

    private static final Logger log = LoggerFactory.getLogger(InstanceNetwork.class);
    /** How long a process waits inside its sandbox for pasta to configure its network before it starts anyway. */
    static final int GATE_TRIES = 300;
    private static final Duration FIND_NAMESPACE = Duration.ofSeconds(3);

    private final boolean isolated;
    private final boolean root;
    private final List<Integer> reachablePorts;
    private final String sharedBecause;

    private InstanceNetwork(boolean isolated, boolean root, List<Integer> reachablePorts, String sharedBecause) {
        this.isolated = isolated;
        this.root = root;
        this.reachablePorts = List.copyOf(reachablePorts);
        this.sharedBecause = sharedBecause;
    }

    /**
     * Finds whether instances can get their own network here: bubblewrap works, {@code pasta} and
     * {@code setpriv} run. Logs one warning when {@code mode} is AUTO and they cannot.
     *
     * @param reachablePorts host loopback ports an isolated process may still connect to (the router's)
     * @throws IllegalStateException when {@code mode} is PASTA and isolation is not possible here
     */
    public static InstanceNetwork probe(NetworkMode mode, boolean bubblewrap, boolean root,
                                        List<Integer> reachablePorts) {
        if (mode == NetworkMode.SHARED) {
            return new InstanceNetwork(false, root, reachablePorts, "network mode is shared");
        }
        String missing = !bubblewrap ? "bubblewrap does not work here"
                : !ChildCommand.succeeds(List.of("pasta", "--version"), Duration.ofSeconds(10))
                        ? "pasta is not installed (Debian package passt)"
                        : !ChildCommand.succeeds(List.of("setpriv", "--version"), Duration.ofSeconds(10))
                                ? "setpriv is not installed" : "";
        if (missing.isEmpty()) {
            return new InstanceNetwork(true, root, reachablePorts, "");
        }
        if (mode == NetworkMode.PASTA) {
            throw new IllegalStateException("network mode is pasta but " + missing);
        }
        log.warn("instances share the host's network and can reach its loopback services: {}", missing);
        return new InstanceNetwork(false, root, reachablePorts, missing);
    }

    /** Shared network, for a runtime without a sandbox. */
    public static InstanceNetwork shared(String because) {
        return new InstanceNetwork(false, false, List.of(), because);
    }

    public boolean isIsolated() {
        return isolated;
    }

    /** The host loopback ports an isolated process reaches at the same port on its own loopback. */
    public List<Integer> reachablePorts() {
        return reachablePorts;
    }

    /** For the sandbox status line, e.g. {@code network: own namespace per instance (pasta; router ports 8080)}. */
    public String describe() {
        if (!isolated) {
            return "network: shared with the host (" + sharedBecause + ")";
        }
        return "network: own namespace per instance (pasta" + (reachablePorts.isEmpty() ? ""
                : "; reaches the router on 127.0.0.1:" + reachablePorts.stream().map(String::valueOf)
                        .collect(Collectors.joining(", "))) + ")";
    }

    /**
     * The bubblewrap command {@code bwrap} (options, then {@code --}) changed to run in a network namespace of its
     * own when this network isolates, with the gate that waits for pasta before the command runs: the argv to
     * which the sandboxed command is appended. Unchanged when the network is shared.
     */
    public List<String> wrap(List<String> bwrap) {
        if (!isolated) {
            return bwrap;
        }
        List<String> out = new ArrayList<>(bwrap);
        out.add(1, "--unshare-net");
        out.addAll(gate());
        return out;
    }

    /**
     * The command that runs first inside the sandbox: it waits (at most ~3 s) until pasta has given the
     * namespace a default route and listens on the router's port there, then execs the rest, so an app never
     * starts before its network is up.
     */
    private List<String> gate() {
        String route = "awk '$2 == \"00000000\" { f = 1 } END { exit !f }' /proc/net/route"
                + " || awk '$1 ~ /^0+$/ && $2 == \"00\" && $10 != \"lo\" { f = 1 } END { exit !f }'"
                + " /proc/net/ipv6_route";
        String ready = reachablePorts.isEmpty() ? "{ " + route + "; }"
                : "{ { " + route + "; } && awk -v p=" + String.format(":%04X", reachablePorts.get(0))
                        + " 'substr($2, length($2) - 4) == p && $4 == \"0A\" { f = 1 } END { exit !f }'"
                        + " /proc/net/tcp /proc/net/tcp6; }";
        return List.of("/bin/sh", "-c", "i=0; while [ $i -lt " + GATE_TRIES + " ] && ! " + ready
                + " 2>/dev/null; do i=$((i+1)); sleep 0.01; done; exec \"$@\"", "ferry-network");
    }

    /**
     * The pasta command connecting the namespace of the sandbox started as {@code sandbox} (waits up to 3 s for
     * bubblewrap to create it); empty when the network is shared or the namespace never appeared.
     *
     * @param inboundPort the port forwarded from the host's loopback into the namespace; 0 for none
     * @param readyFile where pasta writes its pid once the namespace's network is configured
     */
    public Optional<ProcessBuilder> connector(ProcessHandle sandbox, int inboundPort, Path readyFile) {
        if (!isolated) {
            return Optional.empty();
        }
        OptionalLong inside = findNamespaceMember(sandbox);
        if (inside.isEmpty()) {
            log.warn("no network namespace appeared below process {}; it runs without a network", sandbox.pid());
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(List.of("setpriv", "--pdeathsig", "KILL", "pasta", "--foreground",
                "--quiet", "--config-net", "--no-map-gw", "-u", "none", "-U", "none", "--pid", readyFile.toString()));
        argv.addAll(inboundPort > 0 ? List.of("-t", "127.0.0.1/" + inboundPort) : List.of("-t", "none"));
        if (reachablePorts.isEmpty()) {
            argv.addAll(List.of("-T", "none"));
        }
        reachablePorts.forEach(p -> argv.addAll(List.of("-T", Integer.toString(p))));
        if (root) {
            // as root bubblewrap makes no user namespace; pasta keeps root to enter the network namespace
            argv.addAll(List.of("--runas", "0", "--netns", "/proc/" + inside.getAsLong() + "/ns/net"));
        } else {
            argv.add(Long.toString(inside.getAsLong()));
        }
        return Optional.of(new ProcessBuilder(argv).redirectErrorStream(true));
    }

    /** The init of the network namespace bubblewrap made for {@code sandbox}, once it has set the sandbox up. */
    private static OptionalLong findNamespaceMember(ProcessHandle sandbox) {
        Optional<Path> ours = namespaceOf(ProcessHandle.current().pid());
        long deadline = System.nanoTime() + FIND_NAMESPACE.toNanos();
        while (System.nanoTime() < deadline && sandbox.isAlive()) {
            for (ProcessHandle p : sandbox.descendants().toList()) {
                // bubblewrap's child, the namespace's init, lives as long as the sandbox; it is ready to be
                // joined once it has started the sandboxed command (while it sets the sandbox up, pasta cannot
                // open its namespace). The processes below it may come and go (the gate's awk and sleep).
                Optional<ProcessHandle> outside = p.parent();
                if (ours.isPresent() && outside.isPresent() && isOutside(p, ours)
                        && namespaceOf(outside.get().pid()).equals(ours) && p.children().findAny().isPresent()) {
                    return OptionalLong.of(p.pid());
                }
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return OptionalLong.empty();
    }

    /** True when {@code p} is in a network namespace other than {@code ours}. */
    private static boolean isOutside(ProcessHandle p, Optional<Path> ours) {
        Optional<Path> ns = namespaceOf(p.pid());
        return ns.isPresent() && !ns.equals(ours);
    }

    private static Optional<Path> namespaceOf(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/net")));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }
}
