package dev.ferry.build.buildpack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * A static site: an {@code index.html} at the root and no language build file (see {@link ProcfileBuildpack}). The build adds Ferry's small
 * static file server as the single Java source file {@value #SERVER_FILE} and declares
 * {@code web: java .ferry/StaticSiteServer.java}, which any JDK 17 or newer runs without a Ferry jar: it
 * serves the app's directory on {@code $PORT}, never following links outside it.
 */
public final class StaticSiteBuildpack implements Buildpack {

    /** Where the server's source is written in the slug. */
    public static final String SERVER_FILE = ".ferry/StaticSiteServer.java";

    /** The default web command. */
    public static final String WEB_COMMAND = "java " + SERVER_FILE;

    @Override
    public String name() {
        return "Static site";
    }

    @Override
    public String id() {
        return "static";
    }

    @Override
    public boolean detect(Path src) {
        return Files.isRegularFile(src.resolve("index.html"))
                && ProcfileBuildpack.LANGUAGE_FILES.stream().noneMatch(f -> Files.exists(src.resolve(f)));
    }

    @Override
    public Map<String, String> build(BuildContext context) throws IOException {
        Path server = context.src().resolve(SERVER_FILE);
        Files.createDirectories(server.getParent());
        try (InputStream in = StaticSiteBuildpack.class.getResourceAsStream("StaticSiteServer.java.txt")) {
            if (in == null) {
                throw new IOException("the static file server's source is missing from the Ferry jar");
            }
            Files.copy(in, server, StandardCopyOption.REPLACE_EXISTING);
        }
        context.log().detail("Added the static file server: " + WEB_COMMAND);
        return Map.of("web", WEB_COMMAND);
    }
}
