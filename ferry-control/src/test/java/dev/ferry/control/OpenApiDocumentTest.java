package dev.ferry.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.testing.MemoryAppLogs;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private static final Set<String> OPERATIONS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    private final RunningControlServer api = new RunningControlServer(store -> java.util.List.of(
            new dev.ferry.control.logs.LogsApi(store, store, store, new MemoryAppLogs(), app -> {
            }), dev.ferry.control.certs.CertificatesApi.over(store,
                    new dev.ferry.core.store.AppHostNames("localhost"), true),
            new dev.ferry.control.usage.UsageApi(store, store.usage()),
            new dev.ferry.control.autoscale.AutoscaleApi(store, store, store, store.autoscale()),
            new dev.ferry.control.dashboard.DashboardLinksApi(new dev.ferry.control.dashboard.DashboardSessions(
                    dev.ferry.control.dashboard.DashboardConfig.DEFAULT, java.time.Clock.systemUTC())),
            new dev.ferry.control.addons.AddonsApi(store, store, store.addons(), new dev.ferry.control.addons.AddonLifecycle(
                    store.addons(), store, dev.ferry.control.reconcile.Deployments.withoutRuntime(store), java.util.List.of()))));

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void documentsExactlyTheRegisteredEndpoints() {
        HttpResponse<String> r = api.call("GET", "/api/openapi.json", null, null);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = RunningControlServer.json(r);
        assertThat(doc.get("openapi").asText()).startsWith("3.1");

        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(op -> {
                if (OPERATIONS.contains(op)) {
                    documented.add(op.toUpperCase() + " " + path.getKey());
                }
            });
        }
        assertThat(api.server.registeredEndpoints()).isNotEmpty().isEqualTo(documented);
    }

    @Test
    void everyReferencedSchemaExists() {
        JsonNode doc = RunningControlServer.json(api.call("GET", "/api/openapi.json", null, null));
        Set<String> refs = new TreeSet<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
        }
        assertThat(doc.at("/components/schemas/Error/required")).hasSize(2);
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            if (node.has("$ref")) {
                refs.add(node.get("$ref").asText());
            }
            node.elements().forEachRemaining(n -> collectRefs(n, refs));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(n -> collectRefs(n, refs));
        }
    }
}
