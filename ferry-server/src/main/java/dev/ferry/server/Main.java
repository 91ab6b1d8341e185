package dev.ferry.server;

import dev.ferry.cli.FerryCli;
import dev.ferry.server.gateway.GatewayCommand;
import dev.ferry.server.up.UpCommand;
import picocli.CommandLine;

/**
 * The {@code ferry} binary: the CLI's commands plus the roles that run servers ({@code up}, {@code gateway}). The
 * {@code ./ferry} launcher at the repository root builds this jar and runs it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        CommandLine cli = FerryCli.commandLine();
        cli.addSubcommand("up", new UpCommand());
        cli.addSubcommand("gateway", new GatewayCommand());
        System.exit(cli.execute(args));
    }
}
