package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.DomainNotFound;
import dev.ferry.core.store.DomainTaken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DomainsTest extends StoreTestSupport {

    @BeforeEach
    void createApps() {
        store.createApp(admin.id(), name("hello"));
        store.createApp(admin.id(), name("other"));
    }

    @Test
    void addsNormalisedDomains() {
        AppDomain added = store.addDomain(name("hello"), "WWW.Example.com.", admin.id());
        store.addDomain(name("hello"), "*.apps.example.com", admin.id());

        assertThat(added.hostname()).isEqualTo("www.example.com");
        assertThat(store.domains(name("hello"))).extracting(AppDomain::hostname)
                .containsExactly("*.apps.example.com", "www.example.com");
        assertThat(store.domain("www.example.com")).contains(added);
        assertThat(store.domain("nope.example.com")).isEmpty();
    }

    @Test
    void aDomainBelongsToOneAppOnly() {
        store.addDomain(name("hello"), "www.example.com", admin.id());

        assertThatThrownBy(() -> store.addDomain(name("other"), "www.example.com", admin.id()))
                .isInstanceOf(DomainTaken.class).hasMessage("The domain www.example.com is already added to an app.");
        assertThatThrownBy(() -> store.addDomain(name("hello"), "WWW.example.com", admin.id()))
                .isInstanceOf(DomainTaken.class);
        assertThat(store.domains(name("other"))).isEmpty();
    }

    @Test
    void removesADomainSoAnotherAppCanTakeIt() {
        store.addDomain(name("hello"), "www.example.com", admin.id());

        assertThatThrownBy(() -> store.removeDomain(name("other"), "www.example.com", admin.id()))
                .isInstanceOf(DomainNotFound.class);
        store.removeDomain(name("hello"), "www.example.com", admin.id());
        assertThat(store.domains(name("hello"))).isEmpty();
        assertThat(store.addDomain(name("other"), "www.example.com", admin.id()).app()).isEqualTo(name("other"));
    }

    @Test
    void refusesInvalidHostNamesAndUnknownApps() {
        assertThatThrownBy(() -> store.addDomain(name("hello"), "not a host", admin.id()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.addDomain(name("nope"), "www.example.com", admin.id()))
                .isInstanceOf(AppNotFound.class);
        assertThatThrownBy(() -> store.removeDomain(name("hello"), "not a host", admin.id()))
                .isInstanceOf(DomainNotFound.class);
    }
}
