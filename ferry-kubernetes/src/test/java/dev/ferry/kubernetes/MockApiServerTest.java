package dev.ferry.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;

/** The mock API server in CRUD mode answers the client Ferry uses: what every test of this module stands on. */
@EnableKubernetesMockClient(crud = true)
class MockApiServerTest {

  KubernetesClient client;

  @Test
  void keepsWhatIsCreated() {
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ferry-hello").endMetadata().build())
        .create();

    assertThat(client.namespaces().withName("ferry-hello").get()).isNotNull();
    assertThat(client.namespaces().withName("ferry-other").get()).isNull();
  }
}
