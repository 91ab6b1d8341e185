package dev.ferry.cli.ps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.api.client.ApiJson;
import dev.ferry.core.api.ProcessInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProcessListingTest {

    @Test
    void printsOneBlockPerTypeWithLocalTimesAndAges() throws Exception {
        var ps = processes("""
                [{"name":"web.1","type":"web","state":"up","since":"2026-11-24T14:00:00Z","restarts":0,"command":"npm start"},
                 {"name":"web.2","type":"web","state":"crashed","since":"2026-11-24T14:02:30Z","restarts":2,"command":"npm start"},
                 {"name":"worker.1","type":"worker","state":"starting","since":"2026-11-22T10:00:00Z","restarts":1,"command":null}]""");
        StringWriter out = new StringWriter();

        new ProcessListing(Clock.fixed(Instant.parse("2026-11-24T14:03:00Z"), ZoneOffset.ofHours(1))).print(ps, new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                === web (2): npm start
                web.1: up 2026-11-24 15:00:00 (~ 3m ago)
                web.2: crashed 2026-11-24 15:02:30 (~ 30s ago), restarted 2 times

                === worker (1)
                worker.1: starting 2026-11-22 11:00:00 (~ 2d ago), restarted once
                """);
    }

    @Test
    void marksAnOldInstanceThatDrainsAndCountsOnlyTheServingOnes() throws Exception {
        var ps = processes("""
                [{"name":"web.1","type":"web","state":"up","release":4,"since":"2026-11-24T14:02:00Z","restarts":0,"command":"npm start"},
                 {"name":"web.1","type":"web","state":"stopping","release":3,"since":"2026-11-24T14:02:50Z","restarts":0,"command":"npm start"},
                 {"name":"web.2","type":"web","state":"up","release":4,"since":"2026-11-24T14:02:10Z","restarts":0,"command":"npm start"}]""");
        StringWriter out = new StringWriter();

        new ProcessListing(Clock.fixed(Instant.parse("2026-11-24T14:03:00Z"), ZoneOffset.UTC)).print(ps, new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                === web (2): npm start
                web.1: up 2026-11-24 14:02:00 (~ 1m ago)
                web.2: up 2026-11-24 14:02:10 (~ 50s ago)
                web.1: draining (v3) 2026-11-24 14:02:50 (~ 10s ago)
                """);
    }

    @Test
    void endsAMeasuredInstancesLineWithItsCpuAndMemory() throws Exception {
        var ps = processes("""
                [{"name":"web.1","type":"web","state":"up","since":"2026-11-24T14:02:00Z","restarts":0,"command":"npm start",
                  "cpuPercent":12.3,"memoryBytes":41943040},
                 {"name":"web.2","type":"web","state":"up","since":"2026-11-24T14:02:00Z","restarts":0,"command":"npm start",
                  "cpuPercent":null,"memoryBytes":null}]""");
        StringWriter out = new StringWriter();

        new ProcessListing(Clock.fixed(Instant.parse("2026-11-24T14:03:00Z"), ZoneOffset.UTC)).print(ps, new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                === web (2): npm start
                web.1: up 2026-11-24 14:02:00 (~ 1m ago), cpu 12.3%, memory 40 MiB
                web.2: up 2026-11-24 14:02:00 (~ 1m ago)
                """);
    }

    @Test
    void roundsAgesDown() {
        assertThat(ProcessListing.ago(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(ProcessListing.ago(Duration.ofMinutes(59))).isEqualTo("59m");
        assertThat(ProcessListing.ago(Duration.ofHours(47))).isEqualTo("47h");
        assertThat(ProcessListing.ago(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(ProcessListing.ago(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    private static List<ProcessInfo> processes(String json) {
        return List.of(ApiJson.read(ApiJson.parse(json), ProcessInfo[].class));
    }
}
