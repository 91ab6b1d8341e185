package dev.ferry.kubernetes.manifests;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One Kubernetes API call as RBAC judges it: verb, API group ({@code ""} for the core group), resource with its
 * subresource, namespace ({@code null} for a cluster-scoped call, {@link #ANY_NAMESPACE} for a namespaced call whose
 * namespace is not known) and object name ({@code null} for a call on a collection).
 */
record ApiCall(String verb, String group, String resource, String namespace, String name) {

    /** The namespace of a namespaced call recorded without it (the runtime's list). */
    static final String ANY_NAMESPACE = "*";

    /** Takes every request the mock recorded so far, keeping those whose User-Agent contains {@code agent}. */
    static Set<ApiCall> drain(KubernetesMockServer server, String agent) throws InterruptedException {
        Set<ApiCall> calls = new LinkedHashSet<>();
        RecordedRequest r;
        while ((r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
            String userAgent = r.getHeader("User-Agent");
            if (userAgent != null && userAgent.contains(agent)) {
                calls.add(of(r.getMethod(), r.getPath()));
            }
        }
        return calls;
    }

    /** {@code GET /apis/coordination.k8s.io/v1/namespaces/ferry-system/leases/x} → get of that lease. */
    static ApiCall of(String method, String pathAndQuery) {
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
            throw new IllegalArgumentException("not a resource path: " + pathAndQuery);
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
        return new ApiCall(verb, group, resource, namespace, name);
    }

    /**
     * A line of {@code runtime-calls.txt}: {@code VERB GROUP RESOURCE[/SUBRESOURCE] namespaced|cluster}, the core
     * group written {@code core}; the namespace and name are not recorded there.
     */
    static ApiCall parseLine(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 4 || !(f[3].equals("namespaced") || f[3].equals("cluster"))) {
            throw new IllegalArgumentException("not 'VERB GROUP RESOURCE namespaced|cluster': " + line);
        }
        return new ApiCall(f[0], f[1].equals("core") ? "" : f[1], f[2], f[3].equals("namespaced") ? ANY_NAMESPACE : null, null);
    }

    @Override
    public String toString() {
        return verb + " " + (group.isEmpty() ? "core" : group) + " " + resource
                + (namespace == null ? " (cluster)" : " in " + namespace) + (name == null ? "" : " named " + name);
    }
}
