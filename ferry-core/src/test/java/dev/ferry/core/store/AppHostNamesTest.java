package dev.ferry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AppHostNamesTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final AppName HELLO = AppName.of("hello");

    private final AppHostNames names = new AppHostNames("apps.example.org");
    /** The custom domains of each app that exists. */
    private final Map<AppName, List<AppDomain>> domains = new ConcurrentHashMap<>();

    @Test
    void spellsTheDefaultHostUnderTheAppsDomain() {
        assertThat(names.defaultHost(HELLO)).isEqualTo("hello.apps.example.org");
        assertThat(names.domain()).isEqualTo("apps.example.org");
        assertThatThrownBy(() -> new AppHostNames(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void readsTheAppFromItsDefaultHostOnly() {
        assertThat(names.appOfDefaultHost("hello.apps.example.org")).contains(HELLO);
        assertThat(names.appOfDefaultHost("www.example.com")).isEmpty();
        assertThat(names.appOfDefaultHost("apps.example.org")).isEmpty();
        assertThat(names.appOfDefaultHost(".apps.example.org")).isEmpty();
        assertThat(names.appOfDefaultHost("helloapps.example.org")).isEmpty();
        assertThat(names.appOfDefaultHost("a.b.apps.example.org")).isEmpty();
        assertThat(names.appOfDefaultHost("Not_An_App.apps.example.org")).isEmpty();
        assertThat(names.isUnderDomain("a.b.apps.example.org")).isTrue();
        assertThat(names.isUnderDomain(".apps.example.org")).isTrue();
        assertThat(names.isUnderDomain("apps.example.org")).isFalse();
        assertThat(names.isUnderDomain("helloapps.example.org")).isFalse();
    }

    @Test
    void listsTheDefaultHostThenTheCustomDomainsInTheirOrder() {
        assertThat(names.of(HELLO, List.of(domain("a.example.com"), domain("*.example.net"))))
                .containsExactly("hello.apps.example.org", "a.example.com", "*.example.net");
        assertThat(names.of(HELLO, List.of())).containsExactly("hello.apps.example.org");
    }

    @Test
    void readsTheDomainsFromTheStore() {
        domains.put(HELLO, List.of(domain("www.example.com")));
        assertThat(names.of(HELLO, apps())).containsExactly("hello.apps.example.org", "www.example.com");
        assertThatThrownBy(() -> names.of(AppName.of("nobody"), apps())).isInstanceOf(AppNotFound.class);
    }

    @Test
    void readsAgainAtEachCallAndKeepsTheDefaultHostOfADestroyedApp() {
        Function<AppName, List<String>> hosts = names.readingFrom(apps());
        domains.put(HELLO, List.of());
        assertThat(hosts.apply(HELLO)).containsExactly("hello.apps.example.org");
        domains.put(HELLO, List.of(domain("www.example.com")));
        assertThat(hosts.apply(HELLO)).containsExactly("hello.apps.example.org", "www.example.com");
        domains.remove(HELLO);
        assertThat(hosts.apply(HELLO)).containsExactly("hello.apps.example.org");
    }

    private static AppDomain domain(String hostname) {
        return new AppDomain(hostname, HELLO, NOW);
    }

    /** An {@link AppStore} that knows only the domains of {@link #domains}, as the store answers them. */
    private AppStore apps() {
        return (AppStore) Proxy.newProxyInstance(AppStore.class.getClassLoader(), new Class<?>[] {AppStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "domains" -> {
                        List<AppDomain> of = domains.get((AppName) args[0]);
                        if (of == null) {
                            throw new AppNotFound((AppName) args[0]);
                        }
                        yield of;
                    }
                    case "toString" -> "AppStore of domains";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
