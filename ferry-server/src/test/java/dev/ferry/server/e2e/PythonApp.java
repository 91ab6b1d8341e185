package dev.ferry.server.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Procfile-only app in a real git repository: a small Python HTTP server (the system's {@code /usr/bin/python3},
 * which a sandbox can reach) that answers {@code <GREETING> <version> <DYNO>} on {@code $PORT}.
 */
final class PythonApp {

    static final String SERVER = """
            import http.server, os
            HERE = os.path.dirname(os.path.abspath(__file__))
            with open(os.path.join(HERE, "version.txt")) as f:
                VERSION = f.read().strip()

            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"

                def do_GET(self):
                    body = ("%s %s %s\\n" % (os.environ.get("GREETING", "hello"), VERSION, os.environ.get("DYNO", "-"))).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)

                def log_message(self, *args):
                    pass

            http.server.ThreadingHTTPServer(("", int(os.environ["PORT"])), Handler).serve_forever()
            """;

    private final Git git;
    private final String token;

    private PythonApp(Git git, String token) {
        this.git = git;
        this.token = token;
    }

    /** A new repository with the server, {@code web: <webCommand>} and version {@code v1}, committed. */
    static PythonApp create(Path dir, Path home, String token, String webCommand) throws IOException {
        Git git = new Git(dir, home).init()
                .write("Procfile", "web: " + webCommand + "\n")
                .write("server.py", SERVER)
                .write("version.txt", "v1\n");
        git.commit("v1");
        return new PythonApp(git, token);
    }

    static PythonApp create(Path dir, Path home, String token) throws IOException {
        return create(dir, home, token, "/usr/bin/python3 server.py");
    }

    Git git() {
        return git;
    }

    /** Writes a file and commits it. */
    PythonApp commit(String path, String content) throws IOException {
        git.write(path, content);
        git.commit("change " + path);
        return this;
    }

    /** Commits a new version that the server answers with. */
    PythonApp version(String version) throws IOException {
        return commit("version.txt", version + "\n");
    }

    /** {@code git push <remote> main} with the token as the password. */
    Git.Result push(String remote) {
        List<String> args = new ArrayList<>(List.of(Git.tokenHelper(token)));
        args.addAll(List.of("push", "-q", remote, "main"));
        return git.run(args.toArray(String[]::new));
    }
}
