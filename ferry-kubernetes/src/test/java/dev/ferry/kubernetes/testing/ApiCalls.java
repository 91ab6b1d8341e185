package dev.ferry.kubernetes.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The API calls made against the mock API server, as RBAC sees them: one line per verb, API group, resource (with
 * its subresource) and scope, e.g. {@code create apps deployments namespaced} or {@code watch discovery.k8s.io
 * endpointslices cluster} (the core group is written {@code core}). Calls with the {@link TestKubelet}'s user agent
 * are the test's own and left out. {@link #merge} adds them to a file that the RBAC test reads, one call a line,
 * sorted, under a comment saying what the file is; {@link #missingFrom} says which calls a file lacks.
 */
public final class ApiCalls {

    private ApiCalls() {
    }

    /** Takes every request the server recorded so far and returns Ferry's calls among them. */
    public static Set<String> drain(KubernetesMockServer server) throws InterruptedException {
        Set<String> calls = new TreeSet<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            String agent = r.getHeader("User-Agent");
            if (agent != null && agent.contains(TestKubelet.USER_AGENT)) {
                continue;
            }
            String call = describe(r.getMethod(), r.getPath());
            if (call != null) {
                calls.add(call);
            }
        }
        return calls;
    }

    /** {@code GET /apis/apps/v1/namespaces/ferry-hello/deployments?watch=true} → {@code watch apps deployments namespaced}. */
    static String describe(String method, String pathAndQuery) {
        String path = pathAndQuery.split("\\?", 2)[0];
        String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
        List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
        String group;
        if (parts.get(0).equals("api") && parts.size() >= 3) {
            group = "core";
            parts = parts.subList(2, parts.size());
        } else if (parts.get(0).equals("apis") && parts.size() >= 4) {
            group = parts.get(1);
            parts = parts.subList(3, parts.size());
        } else {
            return null;
        }
        boolean namespaced = parts.size() >= 3 && parts.get(0).equals("namespaces");
        if (namespaced) {
            parts = parts.subList(2, parts.size());
        }
        String resource = parts.get(0) + (parts.size() >= 3 ? "/" + parts.get(2) : "");
        boolean named = parts.size() >= 2;
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(Locale.ROOT);
        };
        return verb + " " + group + " " + resource + " " + (namespaced ? "namespaced" : "cluster");
    }

    /** The calls of {@code calls} that {@code file} does not list. */
    public static Set<String> missingFrom(Path file, Set<String> calls) throws IOException {
        Set<String> listed = new TreeSet<>(Files.readAllLines(file));
        Set<String> missing = new TreeSet<>(calls);
        missing.removeAll(listed);
        return missing;
    }

    /** Adds {@code calls} to the lines of {@code file} (kept sorted, without duplicates). */
    public static synchronized void merge(Path file, Set<String> calls) throws IOException {
        Set<String> all = new TreeSet<>(calls);
        if (Files.exists(file)) {
            Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(all::add);
        }
        List<String> lines = new ArrayList<>();
        lines.add("# Every Kubernetes API call the runtime (dev.ferry.kubernetes.runtime, .endpoints) made in its tests,");
        lines.add("# one per line: VERB GROUP RESOURCE[/SUBRESOURCE] namespaced|cluster (core = the core group).");
        lines.add("# Written by the runtime's tests against the mock API server; the RBAC test checks the manifests allow each.");
        lines.addAll(all);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }
}
