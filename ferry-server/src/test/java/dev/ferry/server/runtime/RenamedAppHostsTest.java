package dev.ferry.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.DestroyedApp;
import dev.ferry.core.store.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenamedAppHostsTest {

    /** The hosts as the store answers them: renamed apps no longer exist under their old name. */
    private final Map<String, List<String>> store = Map.of(
            "greeting", List.of("greeting.localhost", "www.example.com"),
            "salute", List.of("salute.localhost", "www.example.com"));

    private final RenamedAppHosts hosts = new RenamedAppHosts(
            app -> store.getOrDefault(app.value(), List.of(app.value() + ".localhost")));

    private static AppName name(String value) {
        return AppName.of(value);
    }

    @Test
    void givesTheInstancesOfAnOldNameTheHostsOfTheNewOne() {
        assertThat(hosts.apply(name("hello"))).containsExactly("hello.localhost");

        hosts.moveDataOf(name("hello"), name("greeting"));

        assertThat(hosts.apply(name("hello"))).containsExactly("greeting.localhost", "www.example.com");
        assertThat(hosts.apply(name("greeting"))).containsExactly("greeting.localhost", "www.example.com");
    }

    @Test
    void followsARenameOfTheNewNameAndForgetsAnOldNameANewAppTakes() {
        hosts.moveDataOf(name("hello"), name("greeting"));
        hosts.moveDataOf(name("greeting"), name("salute"));

        assertThat(hosts.apply(name("hello"))).containsExactly("salute.localhost", "www.example.com");
        assertThat(hosts.apply(name("greeting"))).containsExactly("salute.localhost", "www.example.com");

        hosts.removeDataOf(DestroyedApp.leftoversOf(new App(name("hello"), new UserId(1), Instant.EPOCH)));
        assertThat(hosts.apply(name("hello"))).containsExactly("hello.localhost");

        hosts.moveDataOf(name("salute"), name("greeting"));
        assertThat(hosts.apply(name("greeting"))).as("the new name is its own again").containsExactly(
                "greeting.localhost", "www.example.com");
    }
}
