package dev.ferry.build.buildpack;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.build.BuildFailed;
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
 * ({@code [{"url": "heroku/nodejs"}]}). Names are ids ({@code nodejs}) or Heroku's names and URLs
 * ({@code heroku/nodejs}, {@code https://github.com/heroku/heroku-buildpack-nodejs}); several names run one
 * after the other. Without an override the first buildpack that detects the app wins. An unknown name or a
 * malformed app.json fails the build naming the file and line.
 */
public final class Buildpacks {

    /** The override file. */
    public static final String OVERRIDE_FILE = ".buildpacks";

    /** Heroku's app manifest, whose {@code buildpacks} list also overrides detection. */
    public static final String APP_JSON = "app.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    /** The buildpack for the app in {@code src}: an override's, else the first that detects the app. */
    public Buildpack select(Path src) throws BuildFailed, IOException {
        List<Buildpack> chosen = fromOverrideFile(src);
        if (chosen.isEmpty()) {
            chosen = fromAppJson(src);
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

    private List<Buildpack> fromAppJson(Path src) throws BuildFailed, IOException {
        Path file = src.resolve(APP_JSON);
        List<Buildpack> chosen = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return chosen;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        JsonNode app;
        try {
            app = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new BuildFailed(APP_JSON + where + ": " + e.getOriginalMessage(), e);
        }
        if (app == null || !app.isObject()) {
            throw new BuildFailed(APP_JSON + " line 1: expected a JSON object");
        }
        JsonNode list = app.path("buildpacks");
        if (list.isMissingNode() || list.isNull()) {
            return chosen;
        }
        if (!list.isArray()) {
            throw new BuildFailed(APP_JSON + " line " + lineOf(text, "\"buildpacks\"")
                    + ": buildpacks must be a list such as [{\"url\": \"heroku/nodejs\"}]");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode url = list.get(i).path("url");
            if (!url.isTextual() || url.asText().isBlank()) {
                throw new BuildFailed(APP_JSON + " line " + lineOf(text, "\"buildpacks\"") + ": buildpacks[" + i
                        + "] needs a \"url\" naming a buildpack");
            }
            String name = url.asText();
            chosen.add(byName(name).orElseThrow(() -> new BuildFailed(APP_JSON + " line "
                    + lineOf(text, JSON.valueToTree(name).toString()) + ": unknown buildpack '" + name + "' (known: "
                    + ids() + ")")));
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

    /** The 1-based line of the first occurrence of {@code needle} in {@code text}, or 1. */
    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }

    private String ids() {
        return ordered.stream().map(Buildpack::id).collect(Collectors.joining(", "));
    }
}
