package dev.ferry.build.ssh;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command a git client asks an SSH server to run, as {@code git-receive-pack '/hello.git'}: the service
 * and the app named by the path, which may be {@code /hello.git}, {@code hello.git}, {@code /hello} or
 * {@code hello} (the name itself is checked by the access decision, not here).
 *
 * @param service which side of git's pack protocol
 * @param app     the app name as given, unchecked
 */
record GitCommandLine(Service service, String app) {

    /** The git services served: fetch and clone ({@code upload-pack}), push ({@code receive-pack}). */
    enum Service { UPLOAD_PACK, RECEIVE_PACK }

    private static final Pattern COMMAND = Pattern.compile("git[- ](upload-pack|receive-pack) +(.+)", Pattern.DOTALL);

    GitCommandLine {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(app, "app");
    }

    /** The git command in {@code command}, or empty for anything else. */
    static Optional<GitCommandLine> parse(String command) {
        Matcher m = COMMAND.matcher(command == null ? "" : command.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        Service service = m.group(1).equals("upload-pack") ? Service.UPLOAD_PACK : Service.RECEIVE_PACK;
        Optional<String> path = unquote(m.group(2).strip());
        return path.map(p -> new GitCommandLine(service, appOf(p)));
    }

    /** The path as git's {@code sq_quote} wrote it ({@code 'it'\''s'}), or as it is when not quoted. */
    private static Optional<String> unquote(String arg) {
        if (!arg.startsWith("'")) {
            return arg.contains(" ") || arg.contains("'") ? Optional.empty() : Optional.of(arg);
        }
        StringBuilder out = new StringBuilder();
        int i = 1;
        while (true) {
            int end = arg.indexOf('\'', i);
            if (end < 0) {
                return Optional.empty();
            }
            out.append(arg, i, end);
            i = end + 1;
            if (i == arg.length()) {
                return Optional.of(out.toString());
            }
            // between quoted parts git writes \' or \! unquoted
            if (arg.length() < i + 3 || arg.charAt(i) != '\\' || arg.charAt(i + 2) != '\'') {
                return Optional.empty();
            }
            out.append(arg.charAt(i + 1));
            i += 3;
        }
    }

    private static String appOf(String path) {
        String app = path.startsWith("/") ? path.substring(1) : path;
        return app.endsWith(".git") ? app.substring(0, app.length() - 4) : app;
    }
}
