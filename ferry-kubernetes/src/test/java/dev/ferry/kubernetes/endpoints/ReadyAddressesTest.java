package dev.ferry.kubernetes.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.route.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Only ready, not terminating addresses get traffic, on the Service port's number in the slice. */
class ReadyAddressesTest {

    @Test
    void takesReadyAddressesAndLeavesUnreadyAndTerminatingOnes() {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName("web-x").endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("metrics").withPort(9090).endPort()
                .addNewPort().withName("http").withPort(5000).endPort()
                .addNewEndpoint().withAddresses("10.1.0.1").withNewConditions().withReady(true).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.1.0.2").withNewConditions().withReady(false).endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.1.0.3").withNewConditions().withReady(false).withTerminating(true)
                .endConditions().endEndpoint()
                .addNewEndpoint().withAddresses("10.1.0.4").endEndpoint()
                .build();

        assertThat(ReadyAddresses.of(List.of(slice), "http"))
                .containsExactly(Endpoint.of("10.1.0.1", 5000), Endpoint.of("10.1.0.4", 5000));
    }

    @Test
    void takesNothingFromASliceWithoutPorts() {
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName("web-y").endMetadata()
                .addNewEndpoint().withAddresses("10.1.0.1").endEndpoint().build();

        assertThat(ReadyAddresses.of(List.of(slice), "http")).isEmpty();
    }
}
