package dev.ferry.cli.addons;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry pg:backups:download [BACKUP] [NAME] -a APP [-o FILE]}: writes a backup's dump (the newest by default)
 * to a file, streamed, for {@code pg_restore}. Default file: {@code <addon>-<backup>.dump} in the current directory.
 */
@Command(name = "pg:backups:download", mixinStandardHelpOptions = true,
        description = "Download a backup (the newest unless BACKUP is given) of an app's PostgreSQL add-on to a file,"
                + " in pg_dump's custom format (read it with pg_restore).")
public final class PgBackupsDownloadCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BACKUP", description = "The backup, e.g. b002; default: the newest.")
    String backup;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "The add-on, when the app has several.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Where to write it; default: <addon>-<backup>.dump here. An existing file is replaced.")
    Path output;

    public PgBackupsDownloadCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String addon = PostgresAddon.named(api, app.name(env), name);
        String id = PostgresAddon.backup(api, addon, backup);
        Path file = env.workingDir().resolve(output != null ? output : Path.of(addon + "-" + id + ".dump"));
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long bytes;
        try (InputStream in = api.typed(() -> api.addons().download(addon, id));
             OutputStream to = Files.newOutputStream(partial)) {
            bytes = in.transferTo(to);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new CliFailure("could not write " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new CliFailure("could not write " + file + ": " + e.getMessage());
        }
        out.println("Wrote " + id + " of " + addon + " to " + file + " (" + PostgresAddon.size(bytes) + ")");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do: the message names the file
        }
    }
}
