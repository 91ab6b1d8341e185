package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Several buildpacks named by an override, run one after the other in the same directory (like Heroku's
 * multi-buildpack apps); a later buildpack's default process types replace an earlier one's.
 */
record BuildpackChain(List<Buildpack> buildpacks) implements Buildpack {

    BuildpackChain {
        buildpacks = List.copyOf(buildpacks);
        if (buildpacks.size() < 2) {
            throw new IllegalArgumentException("a chain needs two buildpacks or more");
        }
    }

    @Override
    public String name() {
        return buildpacks.stream().map(Buildpack::name).collect(Collectors.joining(" + "));
    }

    @Override
    public String id() {
        return buildpacks.stream().map(Buildpack::id).collect(Collectors.joining(","));
    }

    @Override
    public boolean detect(Path src) {
        return true;
    }

    @Override
    public Map<String, String> build(BuildContext context) throws BuildFailed, IOException, InterruptedException {
        Map<String, String> types = new LinkedHashMap<>();
        for (Buildpack b : buildpacks) {
            context.log().step("Running the " + b.name() + " buildpack");
            types.putAll(b.build(context));
        }
        return types;
    }
}
