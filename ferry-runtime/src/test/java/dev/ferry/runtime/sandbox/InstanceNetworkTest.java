package dev.ferry.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceNetworkTest {

    private static final List<String> BWRAP = List.of("bwrap", "--unshare-pid", "--chdir", "/app", "--");

    @Test
    void sharesTheHostsNetworkWhenBubblewrapDoesNotWorkAndSaysWhy() {
        InstanceNetwork network = InstanceNetwork.probe(NetworkMode.AUTO, false, true, List.of(8080));
        assertThat(network.isIsolated()).isFalse();
        assertThat(network.describe()).isEqualTo("network: shared with the host (bubblewrap does not work here)");
        assertThat(network.wrap(BWRAP)).isEqualTo(BWRAP);
    }

    @Test
    void refusesToStartWhenPastaIsRequiredButCannotWork() {
        assertThatThrownBy(() -> InstanceNetwork.probe(NetworkMode.PASTA, false, true, List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("network mode is pasta but bubblewrap does not work here");
    }

    @Test
    void sharesTheHostsNetworkWhenToldTo() {
        InstanceNetwork network = InstanceNetwork.probe(NetworkMode.SHARED, true, true, List.of(8080));
        assertThat(network.isIsolated()).isFalse();
        assertThat(network.describe()).isEqualTo("network: shared with the host (network mode is shared)");
    }

    @Test
    void putsTheSandboxInItsOwnNamespaceAndWaitsForItsNetworkWhenPastaWorks() {
        InstanceNetwork network = InstanceNetwork.probe(NetworkMode.AUTO, true, true, List.of(8080));
        org.junit.jupiter.api.Assumptions.assumeTrue(network.isIsolated(), "pasta is not installed");
        assertThat(network.describe())
                .isEqualTo("network: own namespace per instance (pasta; reaches the router on 127.0.0.1:8080)");
        List<String> argv = network.wrap(BWRAP);
        assertThat(argv.subList(0, 2)).containsExactly("bwrap", "--unshare-net");
        assertThat(argv.subList(2, 6)).isEqualTo(BWRAP.subList(1, 5));
        assertThat(argv.get(6)).isEqualTo("/bin/sh");
        assertThat(argv.getLast()).isEqualTo("ferry-network");
    }
}
