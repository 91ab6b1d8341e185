package dev.ferry.addons;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL refuses to run as root: under root, its programs run as the {@code postgres} user (through
 * {@code setpriv}, which execs, so the pid is the server's) and its files are given to that user. As any other user,
 * both are left as they are.
 */
final class ServerUser {

    private static final String USER = "postgres";

    private ServerUser() {
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    static List<String> wrap(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=" + USER, "--regid=" + USER,
                "--init-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static void own(Path path) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        view.setOwner(users.lookupPrincipalByName(USER));
        view.setGroup(users.lookupPrincipalByGroupName(USER));
    }
}
