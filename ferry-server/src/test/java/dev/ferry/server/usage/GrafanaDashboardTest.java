package dev.ferry.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLogEntry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/grafana/ferry.json draws only series that Ferry exports, with labels those series have. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "ferry.json");

    @Test
    void queriesOnlyTheSeriesAndLabelsOfTheAppMetrics() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AppTrafficMetrics metrics = new AppTrafficMetrics(registry, h -> Optional.of(AppName.of("hello")), 10);
        metrics.log(new AccessLogEntry(Instant.now(), "hello.localhost", "GET", "/", 200, 1, 2, 3, 1, "-", "-"));
        metrics.instances(Map.of(AppName.of("hello"), Map.of("web", 1)));
        String scrape = registry.scrape();

        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
        assertThat(dashboard.get("panels")).hasSizeGreaterThanOrEqualTo(4);
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                Matcher m = Pattern.compile("(ferry_app_[a-z_]+)").matcher(expr);
                assertThat(m.find()).as(expr).isTrue();
                assertThat(scrape).as(expr).contains("\n" + m.group(1) + "{");
                Matcher by = Pattern.compile("by \\(([a-z_, ]+)\\)").matcher(expr);
                while (by.find()) {
                    for (String label : by.group(1).split(",\\s*")) {
                        assertThat(scrape).as(expr).containsPattern(m.group(1) + "\\{[^}]*" + label + "=");
                    }
                }
                queries++;
            }
        }
        assertThat(queries).isGreaterThanOrEqualTo(6);
    }
}
