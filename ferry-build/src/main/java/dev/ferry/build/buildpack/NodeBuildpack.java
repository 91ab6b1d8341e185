package dev.ferry.build.buildpack;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Node.js apps ({@code package.json}), built with the host's {@code npm}: {@code npm ci} when a lockfile
 * ({@code package-lock.json} or {@code npm-shrinkwrap.json}) is present, else {@code npm install}; then
 * {@code npm run build} when the package declares a {@code build} script. Default {@code web: npm start}.
 * npm's cache is kept in the app's build cache ({@code npm/}) and, with a lockfile, preferred over the registry. An {@code engines.node} range the host's node
 * does not meet is a warning naming both versions.
 * A malformed {@code package.json} fails the build naming the line and column.
 */
public final class NodeBuildpack implements Buildpack {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public String name() {
        return "Node.js";
    }

    @Override
    public String id() {
        return "nodejs";
    }

    @Override
    public boolean detect(Path src) {
        return Files.isRegularFile(src.resolve("package.json"));
    }

    @Override
    public Map<String, String> build(BuildContext context) throws BuildFailed, IOException, InterruptedException {
        Path src = context.src();
        JsonNode pkg = readPackageJson(src);
        if (HostTools.onPath("npm").isEmpty()) {
            throw new BuildFailed("Node.js app detected but no npm on this host");
        }
        warnOnEnginePin(context, pkg.path("engines").path("node"));
        boolean lockfile = Files.isRegularFile(src.resolve("package-lock.json"))
                || Files.isRegularFile(src.resolve("npm-shrinkwrap.json"));
        context.log().step(lockfile ? "Installing dependencies with npm ci" : "Installing dependencies with npm install");
        Path cache = CacheDirs.open(context, "npm", "npm cache");
        // With a lockfile every tarball is pinned by its integrity hash, so npm may take it from the cache
        // without asking the registry again (prefer-offline); without one, npm must resolve fresh versions.
        Map<String, String> env = Map.of("npm_config_cache", context.visible(cache), "npm_config_update_notifier", "false",
                "npm_config_fund", "false", "npm_config_audit", "false",
                "npm_config_prefer_offline", String.valueOf(lockfile));
        CommandRunner.run(context, lockfile ? List.of("npm", "ci") : List.of("npm", "install"), env);
        if (pkg.path("scripts").path("build").isTextual()) {
            context.log().step("Running npm run build");
            CommandRunner.run(context, List.of("npm", "run", "build"), env);
        }
        return Map.of("web", "npm start");
    }

    private static void warnOnEnginePin(BuildContext context, JsonNode engine) {
        if (!engine.isTextual()) {
            return;
        }
        String wanted = engine.asText();
        Optional<String> host = HostTools.nodeVersion();
        OptionalInt hostMajor = host.map(HostTools::firstNumber).orElse(OptionalInt.empty());
        if (hostMajor.isPresent() && !HostTools.meets(wanted, hostMajor.getAsInt())) {
            context.log().detail("warning: package.json engines.node asks for " + wanted + " but the host's node is "
                    + host.get() + "; building and running with " + host.get());
        } else {
            context.log().detail("engines.node " + wanted + ": using the host's node " + host.orElse("(unknown version)"));
        }
    }

    /** The parsed {@code package.json}; a syntax error names the file, line and column. */
    static JsonNode readPackageJson(Path src) throws BuildFailed, IOException {
        try {
            JsonNode pkg = JSON.readTree(src.resolve("package.json").toFile());
            if (pkg == null || !pkg.isObject()) {
                throw new BuildFailed("package.json line 1: expected a JSON object");
            }
            return pkg;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new BuildFailed("package.json" + where + ": " + e.getOriginalMessage(), e);
        }
    }
}
