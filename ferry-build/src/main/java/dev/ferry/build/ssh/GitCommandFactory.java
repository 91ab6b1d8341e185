package dev.ferry.build.ssh;

import dev.ferry.build.git.AppRepositories;
import dev.ferry.build.git.ReceivePacks;
import dev.ferry.core.access.SessionRegistry;
import dev.ferry.core.build.KeyAccess;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.command.CommandFactory;

/** Makes a {@link GitPackCommand} for git's two pack services and a {@link RefusedCommand} for anything else. */
final class GitCommandFactory implements CommandFactory {

    static final String ONLY_GIT = "Ferry serves only git over SSH (git push, git fetch, git clone)";

    private final KeyAccess access;
    private final AppRepositories repos;
    private final ReceivePacks receivePacks;

    private final SessionRegistry sessions;

    GitCommandFactory(KeyAccess access, AppRepositories repos, ReceivePacks receivePacks, SessionRegistry sessions) {
        this.sessions = sessions;
        this.access = access;
        this.repos = repos;
        this.receivePacks = receivePacks;
    }

    @Override
    public Command createCommand(ChannelSession channel, String command) {
        return GitCommandLine.parse(command)
                .<Command>map(line -> new GitPackCommand(command, line, access, repos, receivePacks, sessions))
                .orElseGet(() -> new RefusedCommand(ONLY_GIT + "; '" + printable(command) + "' is not allowed."));
    }

    private static String printable(String command) {
        String s = command == null ? "" : command.replaceAll("\\p{Cntrl}", "?");
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
