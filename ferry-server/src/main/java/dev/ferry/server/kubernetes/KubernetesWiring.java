package dev.ferry.server.kubernetes;

import dev.ferry.build.manifest.AppJsonReader;
import dev.ferry.control.MountedServlet;
import dev.ferry.control.slugs.SlugDownloadServlet;
import dev.ferry.core.build.BuildSandbox;
import dev.ferry.core.build.SlugTokens;
import dev.ferry.core.store.Store;
import dev.ferry.kubernetes.runtime.KubernetesRuntime;
import dev.ferry.kubernetes.runtime.KubernetesRuntimeConfig;
import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.config.RuntimeSettings;
import dev.ferry.server.runtime.RuntimeWiring;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runtime {@code --runtime} names: the local one ({@link RuntimeWiring}), or the {@link KubernetesRuntime}
 * on the cluster of the in-cluster config or {@code KUBECONFIG} (fabric8's {@link Config#autoConfigure}, or the
 * kubeconfig file the settings name), with the slug download ({@link SlugDownloadServlet} at {@code /slugs/}) that
 * its pods fetch releases from, opened by tokens signed with {@code <data-dir>/slug-token.key} (32 random bytes,
 * made when missing, mode 0600). Builds then run unsandboxed on this node: the sandbox is the local runtime's.
 */
public final class KubernetesWiring {

    private static final Logger log = LoggerFactory.getLogger(KubernetesWiring.class);

    private KubernetesWiring() {
    }

    /** The runtime {@code config} asks for, over {@code store}'s releases and builds. */
    public static Optional<RuntimeWiring.Started> startOrLocal(FerryConfig config, Store store,
                                                                RuntimeWiring.Inputs inputs) {
        RuntimeSettings settings = config.runtime();
        if (settings.kind() == RuntimeSettings.Kind.LOCAL) {
            return RuntimeWiring.start(inputs);
        }
        String controlUrl = settings.controlUrl().orElse("http://" + hostOf(config.bindAddress()) + ":"
                + (config.apiPort() > 0 ? config.apiPort() : 7070));
        KubernetesRuntimeConfig runtimeConfig = KubernetesRuntimeConfig.defaults(controlUrl)
                .withNamespacePrefix(settings.namespacePrefix()).withStackImages(settings.stackImages());
        SlugTokens tokens = new SlugTokens(SlugTokenKey.loadOrCreate(inputs.dataDir().resolve("slug-token.key")));
        KubernetesClient client = client(settings);
        requireReachable(client);
        KubernetesRuntime runtime = new KubernetesRuntime(client, runtimeConfig, tokens,
                new SlugReleaseFacts(inputs.slugs(), store, store, new AppJsonReader()), inputs.registry(),
                inputs.hostsOfApp(), inputs.logs(), Clock.systemUTC());
        log.warn("builds run without a sandbox on this node: the sandbox is the local runtime's");
        MountedServlet slugs = new MountedServlet(SlugDownloadServlet.PATH_SPEC,
                new SlugDownloadServlet(tokens, store, inputs.slugs(), Clock.systemUTC()));
        return Optional.of(new RuntimeWiring.Started(new ClosingClient(runtime, client), runtime.isolation(), true,
                BuildSandbox.unsandboxed(), List.of(slugs)));
    }

    private static KubernetesClient client(RuntimeSettings settings) {
        Config config = settings.kubeconfig().map(file -> {
            try {
                return Config.fromKubeconfig(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the kubeconfig " + file, e);
            }
        }).orElseGet(() -> Config.autoConfigure(null));
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Refuses to start, with a sentence, when the API server does not answer: the runtime could do nothing. */
    private static void requireReachable(KubernetesClient client) {
        try {
            client.getKubernetesVersion();
        } catch (KubernetesClientException e) {
            client.close();
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            throw new IllegalStateException("cannot reach the Kubernetes API at " + client.getMasterUrl() + " ("
                    + cause + "): --runtime kubernetes needs the in-cluster config or KUBECONFIG naming a cluster", e);
        }
    }

    private static String hostOf(String bindAddress) {
        return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "localhost" : bindAddress;
    }
}
