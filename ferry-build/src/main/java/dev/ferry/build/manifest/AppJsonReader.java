package dev.ferry.build.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ferry.core.manifest.AppManifest;
import dev.ferry.core.manifest.AppManifestReader;
import dev.ferry.core.manifest.InvalidAppManifest;
import dev.ferry.core.manifest.ProcessFormation;
import dev.ferry.core.store.ProcessType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one {@link AppManifestReader}: {@code app.json} as Heroku and Dokku read it, with Jackson. Comments
 * ({@code //}, {@code /* *}{@code /}) and trailing commas are accepted, as Dokku's parser accepts them; unknown
 * fields are ignored. A file over {@value #MAX_BYTES} bytes, a symbolic link (read by Ferry outside any sandbox)
 * or a field of the wrong shape is refused with a sentence naming the line where it can.
 */
public final class AppJsonReader implements AppManifestReader {

    /** The largest {@code app.json} read. */
    public static final int MAX_BYTES = 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    @Override
    public AppManifest read(Path appDir) throws IOException {
        Path file = appDir.resolve(FILE);
        if (Files.isSymbolicLink(file)) {
            throw new InvalidAppManifest(FILE + " is a symbolic link; it must be a file");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return AppManifest.NONE;
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new InvalidAppManifest(FILE + " is over " + MAX_BYTES / 1024 + " KiB");
        }
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The manifest in {@code text}, the content of an {@code app.json}. */
    public AppManifest parse(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new InvalidAppManifest(FILE + where + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            return AppManifest.NONE;
        }
        if (!root.isObject()) {
            throw new InvalidAppManifest(FILE + " line 1: expected a JSON object");
        }
        return new AppManifest(buildpacks(root.path("buildpacks"), text),
                HealthChecksReader.read(root.path("healthchecks")), formation(root.path("formation")),
                script(root, "predeploy"), script(root, "postdeploy"));
    }

    private static List<AppManifest.BuildpackRef> buildpacks(JsonNode list, String text) {
        List<AppManifest.BuildpackRef> refs = new ArrayList<>();
        if (absent(list)) {
            return refs;
        }
        int line = lineOf(text, "\"buildpacks\"");
        if (!list.isArray()) {
            throw new InvalidAppManifest(FILE + " line " + line
                    + ": buildpacks must be a list such as [{\"url\": \"heroku/nodejs\"}]");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode url = list.get(i).path("url");
            if (!url.isTextual() || url.asText().isBlank()) {
                throw new InvalidAppManifest(FILE + " line " + line + ": buildpacks[" + i
                        + "] needs a \"url\" naming a buildpack");
            }
            String quoted = JSON.valueToTree(url.asText()).toString();
            refs.add(new AppManifest.BuildpackRef(url.asText(), lineOf(text, quoted)));
        }
        return refs;
    }

    private static Map<String, ProcessFormation> formation(JsonNode byType) {
        Map<String, ProcessFormation> formation = new LinkedHashMap<>();
        if (absent(byType)) {
            return formation;
        }
        if (!byType.isObject()) {
            throw new InvalidAppManifest(FILE + " formation must be an object such as {\"web\": {\"quantity\": 1}}");
        }
        for (Map.Entry<String, JsonNode> e : byType.properties()) {
            String where = FILE + " formation." + e.getKey();
            try {
                ProcessType.requireValid(e.getKey());
            } catch (IllegalArgumentException bad) {
                throw new InvalidAppManifest(where + ": " + bad.getMessage());
            }
            JsonNode entry = e.getValue();
            if (!entry.isObject()) {
                throw new InvalidAppManifest(where + " must be an object such as {\"quantity\": 1}");
            }
            int quantity = entry.has("quantity") ? Numbers.whole(where, "quantity", entry.get("quantity")) : 1;
            JsonNode size = entry.path("size");
            if (!absent(size) && !size.isTextual()) {
                throw new InvalidAppManifest(where + ": size must be a string such as \"standard-1x\"");
            }
            try {
                formation.put(e.getKey(), new ProcessFormation(quantity, absent(size) ? Optional.empty()
                        : Optional.of(size.asText())));
            } catch (IllegalArgumentException bad) {
                throw new InvalidAppManifest(where + ": " + bad.getMessage());
            }
        }
        return formation;
    }

    /** Dokku's {@code scripts.dokku.<phase>}. */
    private static Optional<String> script(JsonNode root, String phase) {
        JsonNode script = root.path("scripts").path("dokku").path(phase);
        if (absent(script)) {
            return Optional.empty();
        }
        if (!script.isTextual() || script.asText().isBlank()) {
            throw new InvalidAppManifest(FILE + " scripts.dokku." + phase + " must be a command line");
        }
        return Optional.of(script.asText());
    }

    static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    /** The 1-based line of the first occurrence of {@code needle} in {@code text}, or 1. */
    private static int lineOf(String text, String needle) {
        int at = text.indexOf(needle);
        return at < 0 ? 1 : (int) text.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
