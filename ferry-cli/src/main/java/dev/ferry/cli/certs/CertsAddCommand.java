package dev.ferry.cli.certs;

import dev.ferry.api.client.Read;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.CertificateInfo;
import dev.ferry.core.api.CertificateRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry certs:add CERT KEY}: uploads a certificate chain (PEM, the server's certificate first) and its
 * private key (PKCS#8 PEM) for the app's hosts. The API checks both and says why it refuses; the key is sent once,
 * over the API's connection, and never printed.
 */
@Command(name = "certs:add", mixinStandardHelpOptions = true,
        description = "Add a TLS certificate for the app's hosts, or replace the one of the same name.")
public final class CertsAddCommand extends ApiCommand {

    /** A PEM chain of a few certificates or a key is a few kilobytes; anything this large is not one. */
    private static final long MAX_FILE_BYTES = 256 * 1024;

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "CERT", description = "The certificate chain in PEM, server's certificate first.")
    Path certificate;

    @Parameters(index = "1", paramLabel = "KEY", description = "The private key in PEM (PKCS#8, not encrypted).")
    Path key;

    @Option(names = "--name", description = "The certificate's name in the app (default: its first host name).")
    String name;

    @Option(names = "--json", description = "Print the API's JSON object: {\"name\",\"hostnames\",\"expiresAt\",…}.")
    boolean json;

    public CertsAddCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        String appName = app.name(env);
        CertificateRequest request = new CertificateRequest(read(env.workingDir().resolve(certificate), "certificate"),
                read(env.workingDir().resolve(key), "key"), name);
        Read<CertificateInfo> added = api.typed(() -> api.certificates().add(appName, request));
        if (json) {
            printJson(out, added.json());
            return;
        }
        CertificateInfo cert = added.value();
        out.println("Added certificate " + cert.name() + " to " + appName + " for " + String.join(", ", cert.hostnames())
                + " (expires " + cert.expiresAt() + ")");
    }

    private static String read(Path file, String what) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new CliFailure("there is no " + what + " file " + file);
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new CliFailure(file + " is too large to be a PEM " + what);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
    }
}
