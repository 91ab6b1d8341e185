package dev.ferry.cli.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.FerryCli;
import dev.ferry.cli.help.CommandCatalog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The training run from which the {@code ./ferry} launcher makes the JVM's start-up cache of the CLI (JDK 25's
 * AOT cache, JDK 21's CDS archive): runs typical commands, their help and a typo through the real CLI against a
 * small API on a loopback ephemeral port, so that every class an ordinary command needs is loaded and linked
 * once here instead of on each call. It prints nothing and exits 0.
 */
public final class StartupTraining {

    private static final String APP = "{\"name\":\"demo\",\"owner\":\"owner@example.com\",\"webUrl\":\"http://demo.localhost:8080/\","
            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"domains\":[],\"collaborators\":[],\"formation\":{\"web\":1},\"events\":[]}";
    private static final String RELEASE = "{\"version\":1,\"description\":\"Deploy 0123456\",\"status\":\"succeeded\","
            + "\"createdBy\":\"owner@example.com\",\"createdAt\":\"2026-01-01T00:00:00Z\"}";

    private static final List<List<String>> COMMANDS = List.of(
            List.of("--help"), List.of("help", "config"), List.of("conifg"), List.of("version"),
            List.of("apps"), List.of("apps", "--json"), List.of("apps:info", "-a", "demo"), List.of("releases", "-a", "demo"),
            List.of("config", "-a", "demo"), List.of("config:get", "-a", "demo", "A"), List.of("config:set", "-a", "demo", "A=1"),
            List.of("ps", "-a", "demo"), List.of("domains", "-a", "demo"), List.of("apps:create", "demo"),
            List.of("apps:destroy", "demo", "--confirm", "demo"), List.of("access", "-a", "demo"), List.of("nope"));

    private StartupTraining() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", StartupTraining::answer);
        api.start();
        try {
            CliEnvironment env = new CliEnvironment(Map.of("FERRY_API_URL", "http://127.0.0.1:" + api.getAddress().getPort(),
                    "FERRY_API_TOKEN", "training", "NO_COLOR", "1"), Path.of(System.getProperty("java.io.tmpdir")), false);
            for (boolean terminal : new boolean[] {false, true}) {
                CliEnvironment run = new CliEnvironment(env.env(), env.home(), terminal, env.workingDir());
                for (List<String> command : COMMANDS) {
                    String[] argv = command.toArray(String[]::new);
                    CommandLine cli = FerryCli.commandLine(run, CommandCatalog.cli(), argv);
                    cli.setOut(new PrintWriter(Writer.nullWriter()));
                    cli.setErr(new PrintWriter(Writer.nullWriter()));
                    cli.execute(argv);
                }
            }
        } finally {
            api.stop(0);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.equals("/api/apps")) {
            body = exchange.getRequestMethod().equals("GET") ? "[" + APP + "]" : APP;
        } else if (path.endsWith("/releases")) {
            body = "[" + RELEASE + "]";
        } else if (path.endsWith("/config")) {
            body = "{\"A\":\"1\"}";
        } else if (path.endsWith("/ps") || path.endsWith("/domains") || path.endsWith("/collaborators")) {
            body = "[]";
        } else if (path.equals("/api/apps/demo")) {
            body = APP;
        } else {
            status = 404;
            body = "{\"error\":\"not found\"}";
        }
        exchange.getRequestBody().readAllBytes();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
