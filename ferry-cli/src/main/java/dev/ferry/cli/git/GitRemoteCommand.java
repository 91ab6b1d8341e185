package dev.ferry.cli.git;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.cli.support.GitRemote;
import dev.ferry.core.api.SshInfo;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ferry git:remote [-a APP]}: in the git repository of the current directory, adds (or points again)
 * the {@code ferry} remote at {@code <api-url>/git/<app>.git} and installs a credential helper for the API's
 * URL that runs {@code ferry git:credential}, so that {@code git push ferry main} asks for nothing. The token
 * is never written into the repository: the helper asks the CLI for it at each push.
 *
 * <p>With {@code --ssh} the remote is {@code ssh://git@<api-host>:<ssh-port>/<app>.git} instead (the port as
 * {@code GET /api/ssh} tells), authenticated by an SSH key added with {@code ferry keys:add}.
 *
 * <p>The helper runs the {@code ferry} launcher named by {@code FERRY_LAUNCHER} (which {@code ./ferry} sets),
 * else {@code java -jar} on the jar this CLI runs from.
 */
@Command(name = "git:remote", mixinStandardHelpOptions = true,
        description = "Add a 'ferry' git remote for the app to the current repository, set up so that 'git push ferry main' deploys.")
public final class GitRemoteCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--ssh", description = "Use git over SSH (needs a key added with 'ferry keys:add') instead of HTTP.")
    boolean ssh;

    public GitRemoteCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        api.typed(() -> api.apps().info(name));
        Path dir = env.workingDir();
        if (GitProcess.run(dir, "rev-parse", "--git-dir").exit() != 0) {
            throw new CliFailure("this is not a git repository: run 'git init' first");
        }
        String url = ssh ? sshUrl(api, name) : api.baseUrl() + "/git/" + segment(name) + ".git";
        boolean exists = GitProcess.run(dir, "remote", "get-url", GitRemote.REMOTE).exit() == 0;
        GitProcess.ok(dir, "remote", exists ? "set-url" : "add", GitRemote.REMOTE, url);
        if (ssh) {
            out.println((exists ? "Updated" : "Added") + " git remote " + GitRemote.REMOTE + " -> " + url);
            out.println("Deploy with: git push " + GitRemote.REMOTE + " main (after adding your key with: ferry keys:add)");
            return;
        }
        String helperKey = "credential." + api.baseUrl() + ".helper";
        GitProcess.run(dir, "config", "--local", "--unset-all", helperKey);
        // The empty helper first drops helpers from the user's config for this URL, so only Ferry's answers.
        GitProcess.ok(dir, "config", "--local", "--add", helperKey, "");
        GitProcess.ok(dir, "config", "--local", "--add", helperKey, "!" + launcher() + " git:credential");
        out.println((exists ? "Updated" : "Added") + " git remote " + GitRemote.REMOTE + " -> " + url);
        out.println("Deploy with: git push " + GitRemote.REMOTE + " main");
    }

    /** {@code ssh://git@<host of the API>:<port>/<app>.git}, or a failure when git over SSH is off. */
    private static String sshUrl(ApiClient api, String app) {
        SshInfo info = api.typed(() -> api.keys().ssh());
        if (!Boolean.TRUE.equals(info.enabled()) || info.port() == null) {
            throw new CliFailure("git over SSH is off on this platform (it is on with ferry up --ssh-port PORT)");
        }
        String host = URI.create(api.baseUrl()).getHost();
        return "ssh://git@" + host + ":" + info.port() + "/" + app + ".git";
    }

    /** The shell command that runs this CLI. */
    private String launcher() {
        String launcher = env.get("FERRY_LAUNCHER");
        if (launcher != null) {
            return quote(launcher);
        }
        CodeSource source = GitRemoteCommand.class.getProtectionDomain().getCodeSource();
        String location = source == null ? null : URLDecoder.decode(source.getLocation().getPath(), StandardCharsets.UTF_8);
        if (location == null || !location.endsWith(".jar")) {
            throw new CliFailure("cannot tell how git should run ferry: set FERRY_LAUNCHER to the ferry launcher");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return quote(java) + " -jar " + quote(location);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
