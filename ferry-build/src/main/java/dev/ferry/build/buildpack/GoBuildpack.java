package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go apps ({@code go.mod}), built with the host's {@code go}: {@code go build -o bin/<name> .}, where the name
 * is the last element of the module path (a {@code /vN} major-version suffix skipped). The build and module
 * caches live in the app's build cache ({@code go-build/}, {@code go-mod/}); {@code GOTOOLCHAIN=local} keeps
 * go from downloading another toolchain. Default {@code web: bin/<name>}. Without {@code go} on the host the
 * build fails saying so.
 */
public final class GoBuildpack implements Buildpack {

    private static final Pattern MODULE = Pattern.compile("(?m)^\\s*module\\s+\"?([^\\s\"]+)\"?\\s*$");
    private static final Pattern MAJOR_SUFFIX = Pattern.compile("v[0-9]+");

    private final String searchPath;

    /** Looks for {@code go} on the {@code PATH} Ferry runs with. */
    public GoBuildpack() {
        this(System.getenv("PATH"));
    }

    /** Looks for {@code go} in {@code searchPath}, a {@code PATH} value. */
    GoBuildpack(String searchPath) {
        this.searchPath = searchPath;
    }

    @Override
    public String name() {
        return "Go";
    }

    @Override
    public String id() {
        return "go";
    }

    @Override
    public boolean detect(Path src) {
        return Files.isRegularFile(src.resolve("go.mod"));
    }

    @Override
    public Map<String, String> build(BuildContext context) throws BuildFailed, IOException, InterruptedException {
        if (HostTools.onPath("go", searchPath).isEmpty()) {
            throw new BuildFailed("Go app detected but no go toolchain on this host");
        }
        String name = binaryName(Files.readString(context.src().resolve("go.mod"), StandardCharsets.UTF_8));
        Path buildCache = CacheDirs.open(context, "go-build", "Go build cache");
        Path modCache = context.cacheDir("go-mod");
        Map<String, String> env = Map.of("GOCACHE", context.visible(buildCache), "GOMODCACHE",
                context.visible(modCache), "GOPATH", context.visible(context.cacheDir("go-path")), "GOFLAGS", "-modcacherw", "GOTOOLCHAIN", "local");
        context.log().step("Building with go build -o bin/" + name + " .");
        CommandRunner.run(context, List.of("go", "build", "-o", "bin/" + name, "."), env);
        return Map.of("web", "bin/" + name);
    }

    /** The binary's name from go.mod's module path: {@code example.com/hello/v2} → {@code hello}. */
    static String binaryName(String goMod) {
        Matcher m = MODULE.matcher(goMod);
        if (!m.find()) {
            return "app";
        }
        String[] parts = m.group(1).split("/");
        int last = parts.length - 1;
        if (last > 0 && MAJOR_SUFFIX.matcher(parts[last]).matches()) {
            last--;
        }
        String name = parts[last].replaceAll("[^A-Za-z0-9._-]", "");
        return name.isEmpty() || name.startsWith(".") ? "app" : name;
    }
}
