package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.control.usage.UsageApi;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.usage.InstanceRun;
import dev.ferry.core.usage.TrafficCount;
import dev.ferry.core.usage.UtcDays;
import dev.ferry.testing.CommandRunner;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry usage} against a real API and store: the table, JSON and CSV of the same records, and who sees what
 * (a user their own apps, the admin every app), with clear errors for bad dates and apps one cannot see.
 */
class UsageCommandTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun admin;
    private CliRun alice;
    private final LocalDate today = UtcDays.of(Instant.now());

    @BeforeEach
    void start() {
        api = new RunningControlServer(store -> List.of(new UsageApi(store, store.usage())));
        admin = CliRun.asAdminOf(api, home);
        NewUser user = api.store.createUser("alice@example.com", false, api.admin.id());
        alice = new CliRun(home).in(home).env("FERRY_API_URL", api.baseUrl())
                .env("FERRY_API_TOKEN", user.firstToken().secret());
        api.store.createApp(api.admin.id(), AppName.of("hello"));
        api.store.createApp(user.user().id(), AppName.of("alices"));
        api.store.usage().addTraffic(List.of(
                new TrafficCount(AppName.of("hello"), "web", today, 12, 3000, 1_572_864, 2, 10, 20),
                new TrafficCount(AppName.of("alices"), "web", today, 5, 1, 2, 0, 0, 0)));
        Instant start = UtcDays.start(today);
        api.store.usage().instanceStarted(new InstanceRun("hello/web.1/1", AppName.of("hello"), "web", start));
        api.store.usage().instanceStopped("hello/web.1/1", start.plusSeconds(5400));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void printsATableJsonAndCsvOfTheSameRecords() {
        CommandRunner.Result table = admin.run("usage", "-a", "hello");
        CommandRunner.Result json = admin.run("usage", "-a", "hello", "--json");
        CommandRunner.Result csv = admin.run("usage", "-a", "hello", "--since", today.minusDays(3).toString(), "--csv");

        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out().lines().toList()).hasSize(2);
        assertThat(table.out()).startsWith("DAY").contains("INSTANCE-HOURS");
        assertThat(table.out().lines().skip(1).findFirst().orElseThrow().split("\\s+"))
                .containsExactly(today.toString(), "hello", "web", "1.50", "12", "2.9", "KiB", "1.5", "MiB", "0.0", "2");
        assertThat(json.out()).contains("\"instanceSeconds\":5400").contains("\"requests\":12")
                .contains("\"tunnelBytesOut\":20");
        assertThat(csv.out()).isEqualTo("day,app,processType,instanceSeconds,requests,bytesIn,bytesOut,buildSeconds,"
                + "tunnelRequests,tunnelBytesIn,tunnelBytesOut\n"
                + today + ",hello,web,5400,12,3000,1572864,0,2,10,20\n");
    }

    @Test
    void showsAUserTheirOwnAppsAndTheAdminEveryApp() {
        assertThat(alice.run("usage", "--csv").out()).contains(",alices,").doesNotContain(",hello,");
        assertThat(admin.run("usage", "--csv").out()).contains(",alices,").contains(",hello,");

        CommandRunner.Result other = alice.run("usage", "-a", "hello");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.err()).isEqualTo("ferry: Couldn't find an app named hello.\n");
        CommandRunner.Result unknown = admin.run("usage", "-a", "nosuchapp");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("Couldn't find an app named nosuchapp.");
    }

    @Test
    void refusesBadDatesWithOneClearLine() {
        CommandRunner.Result bad = admin.run("usage", "--since", "yesterday");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).isEqualTo("ferry: --since must be a date such as 2026-01-31 (YYYY-MM-DD), not 'yesterday'\n");
        CommandRunner.Result future = admin.run("usage", "--since", today.plusDays(2).toString());
        assertThat(future.exit()).isEqualTo(1);
        assertThat(future.err()).contains("is after today").hasLineCount(1);
        CommandRunner.Result both = admin.run("usage", "--json", "--csv");
        assertThat(both.exit()).isNotZero();
    }
}
