package dev.ferry.kubernetes.testing;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * sorted, under a comment saying what the file is; {@link #missingFrom} says which calls a file lacks. {@link Call} is
 * one call with its namespace and name, for the RBAC test's finer checks.
 */
public final class ApiCalls {

    private ApiCalls() {
    }

    /**
     * One Kubernetes API call as RBAC judges it: verb, API group ({@code ""} for the core group), resource with its
     * subresource, namespace ({@code null} for a cluster-scoped call, {@link #ANY_NAMESPACE} for a namespaced call
     * whose namespace is not known) and object name ({@code null} for a call on a collection).
     */
    public record Call(String verb, String group, String resource, String namespace, String name) {

        /** The namespace of a namespaced call recorded without it (a line of the calls file). */
        public static final String ANY_NAMESPACE = "*";

        /** {@code GET /apis/coordination.k8s.io/v1/namespaces/ferry-system/leases/x} → get of that lease. */
        public static Call of(String method, String pathAndQuery) {
            Call call = parse(method, pathAndQuery);
            if (call == null) {
                throw new IllegalArgumentException("not a resource path: " + pathAndQuery);
            }
            return call;
        }

        /**
         * A line of the calls file: {@code VERB GROUP RESOURCE[/SUBRESOURCE] namespaced|cluster}, the core group
         * written {@code core}; the namespace and name are not recorded there.
         */
        public static Call parseLine(String line) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4 || !(f[3].equals("namespaced") || f[3].equals("cluster"))) {
                throw new IllegalArgumentException("not 'VERB GROUP RESOURCE namespaced|cluster': " + line);
            }
            return new Call(f[0], f[1].equals("core") ? "" : f[1], f[2],
                    f[3].equals("namespaced") ? ANY_NAMESPACE : null, null);
        }

        /** This call as a line of the calls file, e.g. {@code watch apps deployments namespaced}. */
        public String line() {
            return verb + " " + (group.isEmpty() ? "core" : group) + " " + resource + " "
                    + (namespace != null ? "namespaced" : "cluster");
        }

        @Override
        public String toString() {
            return verb + " " + (group.isEmpty() ? "core" : group) + " " + resource
                    + (namespace == null ? " (cluster)" : " in " + namespace) + (name == null ? "" : " named " + name);
        }

        /** The call, or {@code null} for a path that names no resource (such as {@code /version}). */
        private static Call parse(String method, String pathAndQuery) {
            String path = pathAndQuery.split("\\?", 2)[0];
            String query = pathAndQuery.contains("?") ? pathAndQuery.substring(pathAndQuery.indexOf('?') + 1) : "";
            List<String> parts = new ArrayList<>(List.of(path.replaceFirst("^/", "").split("/")));
            String group;
            if (parts.get(0).equals("api") && parts.size() >= 3) {
                group = "";
                parts = parts.subList(2, parts.size());
            } else if (parts.get(0).equals("apis") && parts.size() >= 4) {
                group = parts.get(1);
                parts = parts.subList(3, parts.size());
            } else {
                return null;
            }
            String namespace = null;
            if (parts.size() >= 3 && parts.get(0).equals("namespaces")) {
                namespace = parts.get(1);
                parts = parts.subList(2, parts.size());
            }
            String resource = parts.get(0) + (parts.size() >= 3 ? "/" + parts.get(2) : "");
            String name = parts.size() >= 2 ? parts.get(1) : null;
            String verb = switch (method.toUpperCase(Locale.ROOT)) {
                case "GET" -> query.matches("(.*&)?watch=(true|1)(&.*)?") ? "watch" : name != null ? "get" : "list";
                case "POST" -> "create";
                case "PUT" -> "update";
                case "PATCH" -> "patch";
                case "DELETE" -> name != null ? "delete" : "deletecollection";
                default -> method.toLowerCase(Locale.ROOT);
            };
            return new Call(verb, group, resource, namespace, name);
        }
    }

    /** Takes every request the server recorded so far and returns Ferry's calls among them, as lines of the file. */
    public static Set<String> drain(KubernetesMockServer server) throws InterruptedException {
        Set<String> calls = new TreeSet<>();
        for (RecordedRequest r : take(server)) {
            String agent = r.getHeader("User-Agent");
            if (agent != null && agent.contains(TestKubelet.USER_AGENT)) {
                continue;
            }
            Call call = Call.parse(r.getMethod(), r.getPath());
            if (call != null) {
                calls.add(call.line());
            }
        }
        return calls;
    }

    /** Takes every request the server recorded so far, keeping those whose User-Agent contains {@code agent}. */
    public static Set<Call> drain(KubernetesMockServer server, String agent) throws InterruptedException {
        Set<Call> calls = new LinkedHashSet<>();
        for (RecordedRequest r : take(server)) {
            String userAgent = r.getHeader("User-Agent");
            if (userAgent != null && userAgent.contains(agent)) {
                calls.add(Call.of(r.getMethod(), r.getPath()));
            }
        }
        return calls;
    }

    private static List<RecordedRequest> take(KubernetesMockServer server) throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            requests.add(r);
        }
        return requests;
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
