package dev.ferry.kubernetes.runtime;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * The pod spec every process of a release runs in, as Heroku runs a dyno: an init container ({@value #FETCH})
 * downloads the release's slug from the control API with the release's slug token (from its Secret, never in the
 * spec) and unpacks it into an {@code emptyDir} at {@code /app}; the process's container runs the stack image with
 * {@code /app} as working directory and {@code HOME}, the config vars and {@code PORT} from the release's Secret, and
 * the Procfile command through {@code /bin/sh -c}. Pods get no service account token (apps have no business with the
 * Kubernetes API), the runtime's default seccomp profile, and containers without capabilities or privilege
 * escalation; they run as the image's user.
 */
final class PodTemplates {

    static final String FETCH = "slug";
    static final String APP_VOLUME = "app";
    static final String APP_DIR = "/app";
    static final String TOKEN_KEY = "token";

    private final KubernetesRuntimeConfig config;

    PodTemplates(KubernetesRuntimeConfig config) {
        this.config = config;
    }

    /** The spec of a pod running {@code command} of {@code release}; {@code main} is the process's container. */
    PodSpec spec(ReleasePlan release, Container main, String restartPolicy) {
        return new PodSpecBuilder()
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withRestartPolicy(restartPolicy)
                .withNewSecurityContext().withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withTerminationGracePeriodSeconds(config.terminationGrace().toSeconds())
                .withInitContainers(fetch(release))
                .withContainers(main)
                .addNewVolume().withName(APP_VOLUME).withNewEmptyDir().endEmptyDir().endVolume()
                .build();
    }

    /** The container of one process: the stack image, {@code /app}, the release's env and the command. */
    ContainerBuilder process(ReleasePlan release, String name, String command) {
        return new ContainerBuilder()
                .withName(name)
                .withImage(release.stackImage())
                .withCommand("/bin/sh", "-c", command)
                .withWorkingDir(APP_DIR)
                .addNewEnv().withName("HOME").withValue(APP_DIR).endEnv()
                .addNewEnv().withName("DYNO").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .addNewEnvFrom().withNewSecretRef().withName(release.envSecretName()).endSecretRef().endEnvFrom()
                .withVolumeMounts(appMount())
                .withSecurityContext(restricted());
    }

    /** The URL the init container downloads the slug from. */
    String slugUrl(ReleasePlan release) {
        return config.controlUrl() + "/slugs/" + release.app() + "/v" + release.version();
    }

    private Container fetch(ReleasePlan release) {
        String script = "set -e -o pipefail; wget -q -O - --header \"Authorization: Bearer $FERRY_SLUG_TOKEN\" "
                + "\"$FERRY_SLUG_URL\" | tar -xzf - -C " + APP_DIR;
        return new ContainerBuilder()
                .withName(FETCH)
                .withImage(config.fetchImage())
                .withCommand("/bin/sh", "-c", script)
                .addNewEnv().withName("FERRY_SLUG_URL").withValue(slugUrl(release)).endEnv()
                .addNewEnv().withName("FERRY_SLUG_TOKEN").withNewValueFrom().withNewSecretKeyRef()
                .withName(release.tokenSecretName()).withKey(TOKEN_KEY).endSecretKeyRef().endValueFrom().endEnv()
                .withVolumeMounts(appMount())
                .withSecurityContext(restricted())
                .build();
    }

    /** No privilege escalation and no Linux capabilities: an app needs neither to serve on {@code PORT}. */
    private static SecurityContext restricted() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().build();
    }

    private static List<VolumeMount> appMount() {
        return List.of(new VolumeMountBuilder().withName(APP_VOLUME).withMountPath(APP_DIR).build());
    }
}
