package dev.ferry.build.buildpack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Makes a virtualenv's scripts work after the slug is unpacked elsewhere ({@code /app}): pip writes each
 * script in {@code bin/} with the absolute path of the build's interpreter in its {@code #!} line; that line
 * is replaced with a {@code /bin/sh} preamble that runs the {@code python} next to the script (the same trick
 * pip uses for paths too long for {@code #!}). The interpreter links in {@code bin/} point at the host's
 * Python and stay as they are.
 */
final class VirtualEnvs {

    /** The virtualenv's directory, relative to the app. */
    static final String DIR = ".venv";

    private static final String PREAMBLE = "#!/bin/sh\n"
            + "'''exec' \"$(dirname -- \"$0\")/python\" \"$0\" \"$@\"\n"
            + "' '''\n";

    private VirtualEnvs() {
    }

    /**
     * Rewrites the scripts in {@code venv/bin} that name an interpreter in the virtualenv, which the build's
     * commands saw at {@code venvAsBuilt}; returns how many.
     */
    static int makeRelocatable(Path venv, String venvAsBuilt) throws IOException {
        Path bin = venv.resolve("bin");
        if (!Files.isDirectory(bin, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        String prefix = "#!" + venvAsBuilt + "/bin/python";
        List<Path> scripts;
        try (Stream<Path> list = Files.list(bin)) {
            scripts = list.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
        }
        int rewritten = 0;
        for (Path script : scripts) {
            byte[] bytes = Files.readAllBytes(script);
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (!text.startsWith(prefix)) {
                continue;
            }
            int eol = text.indexOf('\n');
            String rest = eol < 0 ? "" : text.substring(eol + 1);
            Files.writeString(script, PREAMBLE + rest, StandardCharsets.UTF_8);
            rewritten++;
        }
        return rewritten;
    }
}
