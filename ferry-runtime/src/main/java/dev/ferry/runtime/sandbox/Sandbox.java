package dev.ferry.runtime.sandbox;

import dev.ferry.runtime.process.ChildCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns "run this command for this app in this directory" into a child process, isolated as well as this host
 * allows. With bubblewrap: new PID and IPC namespaces, a network namespace of its own when
 * {@link InstanceNetwork} isolates (pasta forwards {@code $PORT} from the host's loopback), the system dirs and host runtimes read-only, the instance's directory read-write at
 * {@code /app}, a fresh {@code /tmp} (a tmpfs of a set size), {@code /proc} and {@code /dev}, nothing else of the
 * host, no file larger than the {@code /app} disk limit, and, when Ferry runs as root, the app's own
 * unprivileged uid ({@link AppUsers}) set by {@code setpriv} inside the sandbox.
 * With cgroups, a small {@code sh} wrapper joins the instance's group before it execs the sandbox, so the app
 * never runs outside it. Builds run in the same sandbox ({@link #buildCommand}), their work directory at
 * {@code /app} and the app's build cache at {@code /cache}. Built once by {@link #probe}; {@link #status()} says
 * what was found.
 */
public final class Sandbox {

    /** Where a build's commands see its work directory (their working directory), as instances see theirs. */
    public static final String BUILD_DIR = "/app";
    /** Where a build's commands see the app's build cache. */
    public static final String BUILD_CACHE = "/cache";

    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    private final boolean bubblewrap;
    private final boolean separateUsers;
    private final List<Path> readOnlyDirs;
    private final Cgroups cgroups;
    private final AppUsers users;
    private final long tmpSizeBytes;
    private final long fileSizeBytes;
    private final InstanceNetwork network;

    private Sandbox(boolean bubblewrap, boolean separateUsers, List<Path> readOnlyDirs, Cgroups cgroups,
                    AppUsers users, long tmpSizeBytes, long fileSizeBytes, InstanceNetwork network) {
        this.bubblewrap = bubblewrap;
        this.separateUsers = separateUsers;
        this.readOnlyDirs = readOnlyDirs;
        this.cgroups = cgroups;
        this.users = users;
        this.tmpSizeBytes = tmpSizeBytes;
        this.fileSizeBytes = fileSizeBytes;
        this.network = network;
    }

    /**
     * This sandbox with instances' {@code /tmp} a tmpfs of at most {@code tmpBytes} (0: the kernel's default, half
     * the RAM) and no file an instance writes larger than {@code fileBytes} ({@code RLIMIT_FSIZE} set by
     * {@code prlimit}; 0: no such limit).
     */
    public Sandbox withInstanceFileLimits(long tmpBytes, long fileBytes) {
        return new Sandbox(bubblewrap, separateUsers, readOnlyDirs, cgroups, users, tmpBytes, fileBytes, network);
    }

    /**
     * Probes bubblewrap (one {@code bwrap … true} run), then the network ({@link InstanceNetwork#probe}).
     *
     * @param hidden Ferry's data directory, never shown to an app
     * @param routerPorts host loopback ports sandboxed processes may reach when their network is isolated
     * @throws IllegalStateException when {@code mode} is {@link SandboxMode#BUBBLEWRAP} and bubblewrap fails, or
     *     {@code networkMode} is {@link NetworkMode#PASTA} and pasta cannot isolate here
     */
    public static Sandbox probe(SandboxMode mode, Path hidden, List<Path> extraReadOnly, Cgroups cgroups,
                                AppUsers users, NetworkMode networkMode, List<Integer> routerPorts) {
        List<Path> ro = new ArrayList<>(HostRuntimes.find(System.getenv("PATH"), System.getenv("JAVA_HOME"), hidden));
        extraReadOnly.stream().filter(Files::isDirectory).forEach(ro::add);
        boolean root = isRoot();
        boolean setpriv = root && Files.isExecutable(Path.of("/usr/bin/setpriv"));
        InstanceNetwork none = InstanceNetwork.shared("no sandbox");
        if (networkMode == NetworkMode.PASTA && mode == SandboxMode.NONE) {
            throw new IllegalStateException("network mode pasta needs the bubblewrap sandbox");
        }
        if (mode == SandboxMode.NONE) {
            return new Sandbox(false, false, ro, cgroups, users, 0, 0, none);
        }
        Sandbox candidate = new Sandbox(true, setpriv, ro, cgroups, users, 0, 0, none);
        List<String> probe = candidate.bwrapArgs(List.of("--bind", "/tmp", "/app"), "/app", 0);
        probe.add("true");
        if (ChildCommand.succeeds(probe, Duration.ofSeconds(10))) {
            return new Sandbox(true, setpriv, ro, cgroups, users, 0, 0,
                    InstanceNetwork.probe(networkMode, true, root, routerPorts));
        }
        if (mode == SandboxMode.BUBBLEWRAP) {
            throw new IllegalStateException("sandbox mode is bubblewrap but `bwrap … true` fails on this host");
        }
        if (networkMode == NetworkMode.PASTA) {
            throw new IllegalStateException("network mode pasta needs the bubblewrap sandbox, which fails here");
        }
        log.debug("bubblewrap is not usable here; instances run unsandboxed");
        return new Sandbox(false, false, ro, cgroups, users, 0, 0, none);
    }

    /** One line for the platform's start-up output, e.g. {@code sandbox: bubblewrap, cgroups v1 (memory 512 MiB…)}. */
    public String status() {
        if (!bubblewrap) {
            String who = isRoot() ? "root" : "Ferry's user";
            return "sandbox: NONE — instances run unsandboxed as " + who + ", " + cgroups.describe() + ", "
                    + network.describe();
        }
        return "sandbox: bubblewrap" + (separateUsers ? " (one uid per app)" : "") + ", " + cgroups.describe() + ", "
                + network.describe();
    }

    /**
     * The network sandboxed processes get: {@link #builder} and {@link #buildCommand} put them in their own
     * namespace when it isolates; connect each started one with {@link NetworkHelper#connect}.
     */
    public InstanceNetwork network() {
        return network;
    }

    public boolean isBubblewrap() {
        return bubblewrap;
    }

    /** True when commands run as the app's own uid ({@link AppUsers}), Ferry running as root. */
    public boolean separatesUsers() {
        return separateUsers;
    }

    /** The uid an app's processes run as: its own when {@link #separatesUsers()}, else Ferry's. */
    public int uidOf(String app) {
        return users.uidOf(app);
    }

    public Cgroups cgroups() {
        return cgroups;
    }

    /** Where the app sees its directory: {@code /app} in the sandbox, the directory itself without one. */
    public String appPath(Path dir) {
        return bubblewrap ? "/app" : dir.toString();
    }

    /** Gives the app's user the directory it will run in (when apps run as their own uid). */
    public void handOver(String app, Path dir) throws IOException {
        if (separateUsers) {
            int uid = users.uidOf(app);
            ChildCommand.run(List.of("chown", "-R", "-h", uid + ":" + uid, dir.toString()), Duration.ofMinutes(2));
        }
    }

    /** The process builder of {@code sh -c command} for {@code app} in {@code dir}, with exactly {@code env}. */
    public ProcessBuilder builder(String app, Path dir, String command, Map<String, String> env,
                                  Optional<Cgroups.Group> group) {
        return builder(app, dir, List.of("sh", "-c", command), env, group);
    }

    /** The process builder of {@code command} (a program and its arguments, no shell) for {@code app} in {@code dir}. */
    public ProcessBuilder builder(String app, Path dir, List<String> command, Map<String, String> env,
                                  Optional<Cgroups.Group> group) {
        List<String> argv = wrapper(app, List.of("--bind", dir.toString(), "/app"), "/app", tmpSizeBytes,
                fileSizeBytes, group);
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    /**
     * The process builder of one build command ({@code argv}, no shell) for {@code app}: the same sandbox as an
     * instance's, with the build's work directory {@code src} at {@link #BUILD_DIR} (its working directory) and
     * the app's build cache at {@link #BUILD_CACHE} as the only writable directories, with exactly {@code env}.
     */
    public ProcessBuilder buildCommand(String app, Path src, Path cache, List<String> command, Map<String, String> env,
                                       long tmpBytes, Optional<Cgroups.Group> group) {
        List<String> argv = wrapper(app, List.of("--bind", src.toString(), BUILD_DIR, "--bind", cache.toString(),
                BUILD_CACHE), BUILD_DIR, tmpBytes, 0, group);
        argv.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(argv).directory(src.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    /** Joins the cgroup, then enters bubblewrap with {@code binds}, then becomes the app's uid. */
    private List<String> wrapper(String app, List<String> binds, String chdir, long tmpBytes, long fileBytes,
                                 Optional<Cgroups.Group> group) {
        List<String> argv = new ArrayList<>();
        group.ifPresent(g -> {
            // join the group first, then become the sandbox: the app never runs outside its limits
            argv.addAll(List.of("/bin/sh", "-c",
                    "n=$1; shift; while [ \"$n\" -gt 0 ]; do echo $$ > \"$1\" || exit 97; shift; n=$((n-1)); done; "
                            + "exec \"$@\"", "ferry-cgroup", Integer.toString(g.procsFiles().size())));
            g.procsFiles().forEach(p -> argv.add(p.toString()));
        });
        if (bubblewrap) {
            if (fileBytes > 0) {
                argv.addAll(List.of("prlimit", "--fsize=" + fileBytes, "--"));
            }
            argv.addAll(network.wrap(bwrapArgs(binds, chdir, tmpBytes)));
            if (separateUsers) {
                int uid = users.uidOf(app);
                argv.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                        "--no-new-privs"));
            }
        }
        return argv;
    }

    private List<String> bwrapArgs(List<String> binds, String chdir, long tmpBytes) {
        List<String> a = new ArrayList<>(List.of("bwrap", "--unshare-pid", "--unshare-ipc", "--die-with-parent",
                "--new-session"));
        for (String sys : HostRuntimes.SYSTEM_DIRS) {
            Path p = Path.of(sys);
            if (Files.isSymbolicLink(p)) {
                try {
                    a.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), sys));
                } catch (IOException e) {
                    // unreadable link: leave it out
                }
            } else if (Files.isDirectory(p)) {
                a.addAll(List.of("--ro-bind", sys, sys));
            }
        }
        Set<Path> parents = new LinkedHashSet<>();
        for (Path d : readOnlyDirs) {
            // bubblewrap would make missing parents (such as /root of /root/.pyenv) 0700, closed to the app's uid
            for (Path p = d.getParent(); p != null && p.getParent() != null; p = p.getParent()) {
                parents.add(p);
            }
        }
        parents.stream().sorted().forEach(p -> a.addAll(List.of("--dir", p.toString())));
        for (Path d : readOnlyDirs) {
            a.addAll(List.of("--ro-bind", d.toString(), d.toString()));
        }
        a.addAll(binds);
        a.addAll(List.of("--perms", "1777"));
        if (tmpBytes > 0) {
            a.addAll(List.of("--size", Long.toString(tmpBytes)));
        }
        a.addAll(List.of("--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev", "--chdir", chdir, "--"));
        return a;
    }

    static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
