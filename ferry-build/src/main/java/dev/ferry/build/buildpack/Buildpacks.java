package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.manifest.AppManifestReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The buildpacks in detection order and the choice for an app. An override wins over detection: first a
 * {@code .buildpacks} file at the app's root (one buildpack per line; {@code #} comments and blank lines
 * skipped), else the {@code buildpacks} list of {@code app.json} in Heroku's shape
 * ({@code [{"url": "heroku/nodejs"}]}), as read by the {@link AppManifestReader}. Names are ids
 * ({@code nodejs}) or Heroku's names and URLs ({@code heroku/nodejs}, {@code https://github.com/heroku/heroku-buildpack-nodejs}); several names run one
 * after the other. Without an override the first buildpack that detects the app wins. An unknown name fails
 * the build naming the file and line.
 */
public final class Buildpacks {

    /** The override file. */
    public static final String OVERRIDE_FILE = ".buildpacks";

    /** Heroku's app manifest, whose {@code buildpacks} list also overrides detection. */
    public static final String APP_JSON = AppManifestReader.FILE;

    private final List<Buildpack> ordered;

    public Buildpacks(List<Buildpack> ordered) {
        this.ordered = List.copyOf(ordered);
        if (this.ordered.isEmpty()) {
            throw new IllegalArgumentException("no buildpacks");
        }
    }

    /** In detection order: Procfile only, static site, Node.js, Java (Maven), Java (Gradle), Python, Go. */
    public static Buildpacks defaults() {
        return new Buildpacks(List.of(new ProcfileBuildpack(), new StaticSiteBuildpack(), new NodeBuildpack(),
                new MavenBuildpack(), new GradleBuildpack(), new PythonBuildpack(), new GoBuildpack()));
    }

    /** The buildpacks, in detection order. */
    public List<Buildpack> ordered() {
        return ordered;
    }

    /**
     * The buildpack for the app in {@code src}: an override's ({@code .buildpacks}, else {@code manifest}'s
     * buildpacks), else the first that detects the app.
     */
    public Buildpack select(Path src, AppManifest manifest) throws BuildFailed, IOException {
        List<Buildpack> chosen = fromOverrideFile(src);
        if (chosen.isEmpty()) {
            chosen = fromAppJson(manifest);
        }
        if (chosen.size() == 1) {
            return chosen.getFirst();
        }
        if (chosen.size() > 1) {
            return new BuildpackChain(chosen);
        }
        for (Buildpack b : ordered) {
            if (b.detect(src)) {
                return b;
            }
        }
        throw new BuildFailed("no buildpack detected: add a Procfile, an index.html, a package.json, a pom.xml, a"
                + " Gradle build, a requirements.txt or pyproject.toml, or a go.mod at the root");
    }

    private List<Buildpack> fromOverrideFile(Path src) throws BuildFailed, IOException {
        Path override = src.resolve(OVERRIDE_FILE);
        List<Buildpack> chosen = new ArrayList<>();
        if (!Files.isRegularFile(override)) {
            return chosen;
        }
        List<String> lines = Files.readAllLines(override, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String name = lines.get(i).strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            int line = i + 1;
            chosen.add(byName(name).orElseThrow(() -> new BuildFailed(OVERRIDE_FILE + " line " + line
                    + ": unknown buildpack '" + name + "' (known: " + ids() + ")")));
        }
        return chosen;
    }

    private List<Buildpack> fromAppJson(AppManifest manifest) throws BuildFailed {
        List<Buildpack> chosen = new ArrayList<>();
        for (AppManifest.BuildpackRef ref : manifest.buildpacks()) {
            chosen.add(byName(ref.url()).orElseThrow(() -> new BuildFailed(APP_JSON + " line " + ref.line()
                    + ": unknown buildpack '" + ref.url() + "' (known: " + ids() + ")")));
        }
        return chosen;
    }

    /** The buildpack an id, alias or Heroku name/URL stands for. */
    Optional<Buildpack> byName(String name) {
        String id = normalise(name);
        return ordered.stream().filter(b -> b.id().equals(id)).findFirst();
    }

    /** {@code heroku/nodejs}, {@code https://github.com/heroku/heroku-buildpack-nodejs.git#v1} → {@code nodejs}. */
    static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        int hash = n.indexOf('#');
        if (hash >= 0) {
            n = n.substring(0, hash);
        }
        if (n.endsWith(".git")) {
            n = n.substring(0, n.length() - 4);
        }
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.contains("://") || n.startsWith("heroku/") || n.startsWith("heroku-community/")) {
            n = n.substring(n.lastIndexOf('/') + 1);
        }
        if (n.startsWith("heroku-buildpack-")) {
            n = n.substring("heroku-buildpack-".length());
        }
        return switch (n) {
            case "node", "node.js" -> "nodejs";
            case "java", "maven" -> "java-maven";
            case "gradle" -> "java-gradle";
            case "golang" -> "go";
            case "static-site" -> "static";
            default -> n;
        };
    }

    private String ids() {
        return ordered.stream().map(Buildpack::id).collect(Collectors.joining(", "));
    }
}
