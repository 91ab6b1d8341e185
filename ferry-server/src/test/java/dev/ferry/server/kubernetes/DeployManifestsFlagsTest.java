package dev.ferry.server.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.kubernetes.manifests.DeployManifests;
import dev.ferry.server.Main;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ferry containers of {@code deploy/kubernetes} run real roles with real flags: each container's arguments parse
 * as the command line of this binary, so a renamed or mistyped flag fails here rather than in a crash-looping pod.
 */
@EnableKubernetesMockClient(crud = true)
class DeployManifestsFlagsTest {

    KubernetesClient client;

    @TempDir
    Path home;

    @Test
    void everyFerryContainerRunsARoleWithFlagsThatRoleHas() {
        List<String> roles = new ArrayList<>();
        for (HasMetadata workload : DeployManifests.base(client)) {
            for (Container c : DeployManifests.podSpec(workload).map(s -> s.getContainers()).orElse(List.of())) {
                if (!c.getImage().contains("/ferry:")) {
                    continue;
                }
                String[] args = c.getArgs().toArray(String[]::new);
                assertThatCode(() -> Main.commandLine(new CliEnvironment(Map.of(), home, false, home), args).parseArgs(args))
                        .as(workload.getMetadata().getName() + " " + String.join(" ", args)).doesNotThrowAnyException();
                roles.add(args[0]);
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("control", "router", "kubernetes-controller");
    }
}
