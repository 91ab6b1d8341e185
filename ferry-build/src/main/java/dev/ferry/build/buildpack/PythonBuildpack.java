package dev.ferry.build.buildpack;

import dev.ferry.build.BuildFailed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Python apps ({@code requirements.txt} or {@code pyproject.toml}), built with the host's {@code python3}:
 * {@code python3 -m venv .venv} in the app's directory, then {@code .venv/bin/python -m pip install -r
 * requirements.txt} (or {@code install .} for a {@code pyproject.toml} without requirements) with pip's
 * cache in the app's build cache ({@code pip/}). The scripts pip writes to {@code .venv/bin} are made
 * independent of the build's directory (see {@link VirtualEnvs}), so they work wherever the slug is unpacked.
 * Default process types, when the files exist: {@code web: .venv/bin/python app.py} for {@code app.py}, else
 * {@code web: .venv/bin/python manage.py runserver 0.0.0.0:$PORT} for Django's {@code manage.py}; otherwise
 * none, and the Procfile declares them.
 */
public final class PythonBuildpack implements Buildpack {

    @Override
    public String name() {
        return "Python";
    }

    @Override
    public String id() {
        return "python";
    }

    @Override
    public boolean detect(Path src) {
        return Files.isRegularFile(src.resolve("requirements.txt")) || Files.isRegularFile(src.resolve("pyproject.toml"));
    }

    @Override
    public Map<String, String> build(BuildContext context) throws BuildFailed, IOException, InterruptedException {
        Path src = context.src();
        if (HostTools.onPath("python3").isEmpty()) {
            throw new BuildFailed("Python app detected but no python3 on this host");
        }
        context.log().step("Creating a virtualenv in .venv with the host's python3");
        CommandRunner.run(context, List.of("python3", "-m", "venv", VirtualEnvs.DIR));
        Path cache = CacheDirs.open(context, "pip", "pip cache");
        Map<String, String> env = Map.of("PIP_CACHE_DIR", context.visible(cache), "PIP_DISABLE_PIP_VERSION_CHECK", "1",
                "PIP_NO_INPUT", "1");
        String python = VirtualEnvs.DIR + "/bin/python";
        if (Files.isRegularFile(src.resolve("requirements.txt"))) {
            context.log().step("Installing requirements with pip");
            CommandRunner.run(context, List.of(python, "-m", "pip", "install", "-r", "requirements.txt"), env);
        } else {
            context.log().step("Installing the project with pip");
            CommandRunner.run(context, List.of(python, "-m", "pip", "install", "."), env);
        }
        int relocated = VirtualEnvs.makeRelocatable(src.resolve(VirtualEnvs.DIR),
                context.visible(src.resolve(VirtualEnvs.DIR)));
        if (relocated > 0) {
            context.log().detail("Made " + relocated + " scripts in .venv/bin independent of the build directory");
        }
        return defaultTypes(src);
    }

    /** The default process types for the app in {@code src}: by {@code app.py}, else {@code manage.py}, else none. */
    static Map<String, String> defaultTypes(Path src) {
        String python = VirtualEnvs.DIR + "/bin/python";
        if (Files.isRegularFile(src.resolve("app.py"))) {
            return Map.of("web", python + " app.py");
        }
        if (Files.isRegularFile(src.resolve("manage.py"))) {
            return Map.of("web", python + " manage.py runserver 0.0.0.0:$PORT");
        }
        return Map.of();
    }
}
