package dev.ferry.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.AppName;
import dev.ferry.router.log.AccessLogEntry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The per-app series of /metrics, read back from the Prometheus text they export. */
class AppTrafficMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private static AccessLogEntry request(String host, int status, long totalMs) {
        return new AccessLogEntry(Instant.now(), host, "GET", "/", status, 10, 200, totalMs, 1, "127.0.0.1:5000", "r");
    }

    private static Optional<AppName> appOf(String host) {
        return host.endsWith(".localhost") ? Optional.of(AppName.of(host.substring(0, host.indexOf('.'))))
                : Optional.empty();
    }

    private Set<String> labelValues(String metric, String label) {
        Set<String> values = new TreeSet<>();
        Matcher m = Pattern.compile("^" + metric + "\\{[^}]*" + label + "=\"([^\"]*)\"", Pattern.MULTILINE)
                .matcher(registry.scrape());
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    @Test
    void keepsTheFirstAppsUnderTheirNameAndCountsTheRestAsOther() {
        AppTrafficMetrics metrics = new AppTrafficMetrics(registry, AppTrafficMetricsTest::appOf, 3);
        for (int i = 1; i <= 10; i++) {
            metrics.log(request("app" + i + ".localhost", 200, 5));
        }
        metrics.log(request("app1.localhost", 503, 5));
        metrics.log(request("nowhere.example.com", 404, 1));

        assertThat(labelValues("ferry_app_requests_total", "app")).containsExactly("_other", "app1", "app2", "app3");
        assertThat(labelValues("ferry_app_request_duration_seconds_bucket", "app"))
                .containsExactly("_other", "app1", "app2", "app3");
        assertThat(registry.scrape())
                .contains("ferry_app_requests_total{app=\"_other\",process_type=\"web\",status=\"2xx\"} 7.0")
                .contains("ferry_app_requests_total{app=\"app1\",process_type=\"web\",status=\"5xx\"} 1.0")
                .contains("ferry_app_bytes_sum{app=\"app1\",direction=\"out\",process_type=\"web\"} 400.0");
    }

    @Test
    void timesRequestsInAFewFixedBucketsPerApp() {
        AppTrafficMetrics metrics = new AppTrafficMetrics(registry, AppTrafficMetricsTest::appOf, 100);
        metrics.log(request("hello.localhost", 200, 30));
        metrics.log(request("hello.localhost", 200, 700));

        String text = registry.scrape();
        assertThat(labelValues("ferry_app_request_duration_seconds_bucket", "le"))
                .hasSize(AppTrafficMetrics.BUCKETS.length + 1);
        assertThat(text).contains("ferry_app_request_duration_seconds_bucket{app=\"hello\",process_type=\"web\",le=\"0.05\"} 1")
                .contains("ferry_app_request_duration_seconds_bucket{app=\"hello\",process_type=\"web\",le=\"1.0\"} 2");
    }

    @Test
    void setsInstanceGaugesAndZeroesTheAppsThatStopped() {
        AppTrafficMetrics metrics = new AppTrafficMetrics(registry, AppTrafficMetricsTest::appOf, 1);
        metrics.instances(Map.of(AppName.of("hello"), Map.of("web", 2, "worker", 1)));
        metrics.instances(Map.of(AppName.of("hello"), Map.of("web", 2, "worker", 1), AppName.of("late"), Map.of("web", 3)));
        assertThat(registry.scrape()).contains("ferry_app_instances{app=\"hello\",process_type=\"web\"} 2.0")
                .contains("ferry_app_instances{app=\"_other\",process_type=\"web\"} 3.0");

        metrics.instances(Map.of());
        assertThat(registry.scrape()).contains("ferry_app_instances{app=\"hello\",process_type=\"web\"} 0.0");
    }
}
