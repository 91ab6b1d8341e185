package dev.ferry.kubernetes.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The value of {@code ferry.dev/domains}: a list of route domains, refused as a whole when one name is bad. */
class DomainsAnnotationTest {

    @Test
    void readsACommaSeparatedListOfNamesNormalised() {
        assertThat(DomainsAnnotation.parse(" Shop.Example.com. , www.example.com,*.apps.example.com,shop.example.com"))
                .containsExactly("shop.example.com", "www.example.com", "*.apps.example.com");
    }

    @Test
    void refusesTheWholeValueForOneBadName() {
        assertThatThrownBy(() -> DomainsAnnotation.parse("good.example.com,bad_name.example.com"))
                .isInstanceOf(InvalidDomainsAnnotation.class).hasMessageContaining("'bad_name.example.com' is not a valid host name");
        assertThatThrownBy(() -> DomainsAnnotation.parse("a.example.com,,b.example.com")).hasMessageContaining("an empty entry");
        assertThatThrownBy(() -> DomainsAnnotation.parse("  ")).hasMessage("ferry.dev/domains lists no host name");
        assertThatThrownBy(() -> DomainsAnnotation.parse("*")).isInstanceOf(InvalidDomainsAnnotation.class);
    }

    @Test
    void keepsNamesWithinTheAllowedDomains() {
        List<String> allowed = List.of("example.com", "shop.test");
        assertThat(DomainsAnnotation.parse("example.com,a.b.example.com,*.x.example.com,shop.test", allowed)).hasSize(4);
        assertThatThrownBy(() -> DomainsAnnotation.parse("a.example.com,evil-example.com", allowed))
                .isInstanceOf(InvalidDomainsAnnotation.class)
                .hasMessage("ferry.dev/domains is refused: 'evil-example.com' is outside the domains this controller may route"
                        + " (example.com, shop.test)");
        assertThatThrownBy(() -> DomainsAnnotation.parse("hello.localhost", allowed)).hasMessageContaining("'hello.localhost' is outside");
        assertThat(DomainsAnnotation.parse("anything.org", List.of())).containsExactly("anything.org");
    }

    @Test
    void anAllowedDomainIsANameNotAWildcard() {
        assertThatThrownBy(() -> ControllerConfig.DEFAULT.withAllowedDomains(List.of("*.example.com")))
                .hasMessageContaining("not a wildcard");
        assertThat(ControllerConfig.DEFAULT.withAllowedDomains(List.of("Example.COM.")).allowedDomains()).containsExactly("example.com");
    }
}
