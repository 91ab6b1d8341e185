package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.server.config.FerryConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pushed app's build is an attacker's code: a Node app whose {@code postinstall} script tries to read and write
 * the platform's data directory, counts the processes it can see, and leaves a detached process behind. The
 * build runs as the app's own uid in the sandbox, sees none of it, and nothing of it outlives the push; the slug
 * it made still runs.
 */
class BuildSandboxTest {

    private static final Pattern LINE = Pattern.compile("evil-([a-z.-]+)=(\\S+)");

    @TempDir
    Path dataDir;

    @TempDir
    Path work;

    private RuntimePlatform ferry;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap (bwrap) is not installed");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/npm")), "npm is not installed");
        ferry = new RuntimePlatform(dataDir);
        ferry.createApp("evil");
    }

    @AfterEach
    void stop() {
        if (ferry != null) {
            ferry.close();
        }
    }

    @Test
    void runsABuildAsTheAppsUserWithoutTheDataDirectoryAndKillsWhatItLeaves() throws Exception {
        String marker = "ferry-evil-" + UUID.randomUUID();
        String data = dataDir.toAbsolutePath().toString();
        Git git = new Git(work.resolve("evil"), work.resolve("home")).init()
                .write("package.json", """
                        {"name": "evil", "version": "1.0.0",
                         "scripts": {"postinstall": "sh ./evil.sh", "start": "node server.js"}}
                        """)
                .write("server.js", """
                        require('http').createServer((q, s) => s.end('built\\n')).listen(process.env.PORT);
                        """)
                .write("evil.sh", """
                        echo "evil-uid=$(id -u)"
                        for f in secret.key ferry.db admin-token; do
                          if cat "%1$s/$f" > /dev/null 2>&1; then echo "evil-read-$f=yes"; else echo "evil-read-$f=no"; fi
                        done
                        if echo owned > "%1$s/evil-was-here" 2>/dev/null; then echo evil-write=yes; else echo evil-write=no; fi
                        if ls "%1$s/repos" > /dev/null 2>&1; then echo evil-repos=yes; else echo evil-repos=no; fi
                        echo "evil-procs=$(ls /proc | grep -c '^[0-9]')"
                        node -e "require('net').connect(%3$d, '127.0.0.1')
                          .on('connect', () => { console.log('evil-api=yes'); process.exit(0); })
                          .on('error', () => { console.log('evil-api=no'); process.exit(0); })"
                        setsid sh -c 'sleep 1000; echo' %2$s > /dev/null 2>&1 < /dev/null &
                        echo evil-detached=started
                        """.formatted(data, marker, ferry.platform.apiPort()));
        git.commit("evil");
        List<String> args = new ArrayList<>(List.of(Git.tokenHelper(ferry.token)));
        args.addAll(List.of("push", ferry.remote("evil"), "main"));

        Git.Result pushed = git.run(args.toArray(String[]::new));

        assertThat(pushed.exit()).as(pushed.output()).isZero();
        String out = pushed.output();
        assertThat(value(out, "uid")).as(out).isNotEqualTo("0").matches("[1-9][0-9]*");
        assertThat(value(out, "read-secret.key")).as(out).isEqualTo("no");
        assertThat(value(out, "read-ferry.db")).as(out).isEqualTo("no");
        assertThat(value(out, "read-admin-token")).as(out).isEqualTo("no");
        assertThat(value(out, "write")).as(out).isEqualTo("no");
        assertThat(value(out, "repos")).as(out).isEqualTo("no");
        if (ferry.platform.runtime().orElseThrow().isolation().contains("own namespace")) {
            assertThat(value(out, "api")).as("the build reaching the control API on loopback").isEqualTo("no");
        }
        assertThat(Integer.parseInt(value(out, "procs"))).as("processes the build sees").isLessThan(20);
        assertThat(value(out, "detached")).isEqualTo("started");
        assertThat(dataDir.resolve("evil-was-here")).doesNotExist();
        await().atMost(Duration.ofSeconds(5)).until(() -> processesWith(marker).isEmpty());
        await().atMost(Duration.ofSeconds(30)).until(() -> ferry.up("evil", "web") == 1);
    }

    private static String value(String output, String key) {
        Matcher m = LINE.matcher(output);
        while (m.find()) {
            if (m.group(1).equals(key)) {
                return m.group(2);
            }
        }
        throw new AssertionError("the build printed no evil-" + key + "=…:\n" + output);
    }

    /** The pids of host processes whose command line contains {@code marker}. */
    static List<String> processesWith(String marker) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(marker)) {
                        found.add(p.getFileName().toString());
                    }
                } catch (IOException e) {
                    // exited meanwhile
                }
            }
        }
        return found;
    }

    @Test
    void killsEveryProcessOfABuildThatRunsOutOfTime() throws Exception {
        ferry.close();
        ferry = new RuntimePlatform(FerryConfig.ephemeral(dataDir).withBuildLimits(1, Duration.ofSeconds(5)));
        ferry.createApp("slow");
        String marker = "ferry-slow-" + UUID.randomUUID();
        Git git = new Git(work.resolve("slow"), work.resolve("home")).init()
                .write("package.json", """
                        {"name": "slow", "version": "1.0.0", "scripts": {"postinstall": "sh ./slow.sh"}}
                        """)
                .write("slow.sh", """
                        ( setsid sh -c 'sleep 1000; echo' %1$s > /dev/null 2>&1 < /dev/null & )
                        sh -c 'sleep 1000; echo' %1$s
                        """.formatted(marker));
        git.commit("slow");
        List<String> args = new ArrayList<>(List.of(Git.tokenHelper(ferry.token)));
        args.addAll(List.of("push", ferry.remote("slow"), "main"));

        Git.Result pushed = git.run(args.toArray(String[]::new));

        assertThat(pushed.exit()).as(pushed.output()).isNotZero();
        assertThat(pushed.output()).contains("did not finish before the build's time limit");
        await().atMost(Duration.ofSeconds(5)).until(() -> processesWith(marker).isEmpty());
    }
}
