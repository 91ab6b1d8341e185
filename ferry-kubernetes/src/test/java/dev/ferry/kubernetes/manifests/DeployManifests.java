package dev.ferry.kubernetes.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The manifests of {@code deploy/kubernetes}, loaded with fabric8's model classes ({@code client.load}).
 * {@link #base} renders the kustomize base without any tool, from its {@code kustomization.yaml}: each file of
 * {@code resources}, in order, with {@code namespace} set on every namespaced object, the {@code labels} pairs added to
 * every object's labels and the {@code images} replaced in every container, which is all the base uses.
 * {@link #kustomize} renders a directory with {@code kubectl kustomize} when a kubectl with kustomize 4 or later is
 * installed (overlays need it), else is empty.
 */
public final class DeployManifests {

    /** Kinds without a namespace among those the manifests use. */
    private static final Set<String> CLUSTER_KINDS = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    private DeployManifests() {
    }

    /** {@code deploy/kubernetes} of this checkout, from the module's directory (Maven's working directory). */
    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy/kubernetes/base"))) {
                return p.resolve("deploy/kubernetes");
            }
        }
        throw new IllegalStateException("no deploy/kubernetes above " + here);
    }

    /** The base, rendered as kustomize would. */
    public static List<HasMetadata> base(KubernetesClient client) {
        Path base = root().resolve("base");
        JsonNode kustomization = yaml(base.resolve("kustomization.yaml"));
        String namespace = kustomization.path("namespace").asText(null);
        var labels = new LinkedHashMap<String, String>();
        kustomization.path("labels").forEach(l -> l.path("pairs").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText())));
        var images = new LinkedHashMap<String, String>();
        kustomization.path("images").forEach(i -> images.put(i.path("name").asText(),
                i.path("newName").asText(i.path("name").asText()) + ":" + i.path("newTag").asText("latest")));
        List<HasMetadata> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            try (InputStream in = Files.newInputStream(base.resolve(resource.asText()))) {
                for (HasMetadata object : client.load(in).items()) {
                    if (namespace != null && !CLUSTER_KINDS.contains(object.getKind())) {
                        object.getMetadata().setNamespace(namespace);
                    }
                    var merged = new LinkedHashMap<String, String>();
                    Optional.ofNullable(object.getMetadata().getLabels()).ifPresent(merged::putAll);
                    merged.putAll(labels);
                    object.getMetadata().setLabels(merged);
                    podSpec(object).ifPresent(spec -> spec.getContainers().forEach(c ->
                            c.setImage(images.getOrDefault(c.getImage(), c.getImage()))));
                    objects.add(object);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
    }

    /** {@code kubectl kustomize dir}, loaded; empty when no kubectl that can render it is installed. */
    public static Optional<List<HasMetadata>> kustomize(KubernetesClient client, Path dir) {
        try {
            Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                System.err.println("kubectl kustomize " + dir + " failed (kustomize 4 or later is needed): " + err);
                return Optional.empty();
            }
            return Optional.of(client.load(new java.io.ByteArrayInputStream(out)).items());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The pod spec of a Deployment or StatefulSet. */
    public static Optional<PodSpec> podSpec(HasMetadata object) {
        if (object instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate().getSpec());
        }
        if (object instanceof StatefulSet s) {
            return Optional.of(s.getSpec().getTemplate().getSpec());
        }
        return Optional.empty();
    }

    /** The one object of this kind and name. */
    public static <T extends HasMetadata> T find(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " in the manifests"));
    }

    private static JsonNode yaml(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
