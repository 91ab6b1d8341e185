package dev.ferry.cli.config;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.ConfigChange;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ferry config:edit}: opens the config vars in {@code $VISUAL} (else {@code $EDITOR}) as a
 * {@link ConfigFile}, and applies what changed (set, changed and removed vars) as one release. An unchanged
 * file, an editor that fails, or a line that is not {@code KEY=VALUE} changes nothing. The file is private to
 * the user (0600) and deleted afterwards.
 */
@Command(name = "config:edit", mixinStandardHelpOptions = true,
        description = {"Edit the config vars in $VISUAL or $EDITOR: every change makes one release.",
                "An unchanged file, or a line that is not KEY=VALUE, changes nothing."})
public final class ConfigEditCommand extends ApiCommand {

    @Mixin
    AppOption app;

    public ConfigEditCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String name = app.name(env);
        String editor = env.get("VISUAL") != null ? env.get("VISUAL") : env.get("EDITOR");
        if (editor == null) {
            throw new CliFailure("set $VISUAL or $EDITOR to the editor to use, e.g. EDITOR=nano");
        }
        Map<String, String> before = api.typed(() -> api.config().get(name));
        String original = ConfigFile.write(name, before);
        String edited = edit(editor, original);
        if (edited.equals(original)) {
            out.println("No changes to the config vars of " + name + "; nothing changed");
            return;
        }
        Map<String, String> after = ConfigFile.read(edited);
        Map<String, String> changed = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            if (!v.equals(before.get(k))) {
                changed.put(k, v);
            }
        });
        List<String> removed = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
        ConfigChange change = new ConfigChange(changed, removed);
        if (change.isEmpty()) {
            out.println("No changes to the config vars of " + name + "; nothing changed");
            return;
        }
        api.typed(() -> api.config().change(name, change, ApiClient.DEPLOY_TIMEOUT));
        List<String> set = List.copyOf(changed.keySet());
        String what = (set.isEmpty() ? "" : "Set " + String.join(", ", set))
                + (set.isEmpty() || removed.isEmpty() ? "" : " and ")
                + (removed.isEmpty() ? "" : (set.isEmpty() ? "Removed " : "removed ") + String.join(", ", removed));
        Releases.report(api, name, what + " on " + name, out);
    }

    /** Runs {@code editor} on a private temporary copy of {@code text} and answers what it saved. */
    private static String edit(String editor, String text) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ferry-config-", PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path file = dir.resolve("config.env");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            // through sh, so that an editor given with its flags ("code -w") works as in git's core.editor
            Process p = new ProcessBuilder("sh", "-c", editor + " \"$1\"", "sh", file.toString()).inheritIO().start();
            int exit = p.waitFor();
            if (exit != 0) {
                throw new CliFailure("the editor (" + editor + ") exited with " + exit + "; nothing changed");
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot run the editor " + editor + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted; nothing changed");
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover private temp file; nothing to tell the user
        }
    }
}
