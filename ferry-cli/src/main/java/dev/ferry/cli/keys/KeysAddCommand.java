package dev.ferry.cli.keys;

import dev.ferry.core.api.SshKeyInfo;
import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry keys:add [FILE]}: registers an SSH public key for git over SSH; without a file, the first of
 * {@code ~/.ssh/id_ed25519.pub}, {@code id_ecdsa.pub} and {@code id_rsa.pub} that exists.
 */
@Command(name = "keys:add", mixinStandardHelpOptions = true,
        description = "Add an SSH public key for git over SSH (default: ~/.ssh/id_ed25519.pub, id_ecdsa.pub or id_rsa.pub).")
public final class KeysAddCommand extends ApiCommand {

    /** Looked for in {@code ~/.ssh}, in this order, like Heroku's CLI. */
    static final List<String> DEFAULT_KEYS = List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub");
    /** A .pub file is one short line; anything much larger is not one. */
    private static final long MAX_FILE_BYTES = 16 * 1024;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "The public key file (.pub).")
    Path file;

    @Option(names = "--json", description = "Print the API's JSON answer: {\"fingerprint\",\"type\",\"comment\",\"addedAt\"}.")
    boolean json;

    public KeysAddCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        Path keyFile = file != null ? env.workingDir().resolve(file) : defaultKey();
        String publicKey = read(keyFile);
        SshKeyInfo key = api.typed(() -> api.keys().add(publicKey));
        if (json) {
            out.println(ApiClient.write(key));
            return;
        }
        String comment = key.comment() == null ? "" : key.comment();
        out.println("Added SSH key " + key.fingerprint() + (comment.isEmpty() ? "" : " (" + comment + ")")
                + " from " + keyFile);
    }

    private Path defaultKey() {
        Path ssh = env.home().resolve(".ssh");
        return DEFAULT_KEYS.stream().map(ssh::resolve).filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new CliFailure("no public key in " + ssh + " (" + String.join(", ", DEFAULT_KEYS)
                        + "): make one with 'ssh-keygen -t ed25519' or name the .pub file"));
    }

    private static String read(Path keyFile) {
        try {
            if (!Files.isRegularFile(keyFile)) {
                throw new CliFailure("there is no file " + keyFile);
            }
            if (Files.size(keyFile) > MAX_FILE_BYTES) {
                throw new CliFailure(keyFile + " is too large to be an SSH public key: give the .pub file");
            }
            String text = Files.readString(keyFile, StandardCharsets.UTF_8);
            if (text.contains("PRIVATE KEY")) {
                // never send a private key anywhere, not even to be refused
                throw new CliFailure(keyFile + " is a private key: give the public key, " + keyFile.getFileName() + ".pub");
            }
            return text;
        } catch (IOException e) {
            throw new CliFailure("cannot read " + keyFile + ": " + e.getMessage());
        }
    }
}
