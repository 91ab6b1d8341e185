package dev.ferry.server.up;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The flags every role has ({@code ferry up}, {@code ferry router}, {@code ferry control}), as a picocli
 * mixin; {@link dev.ferry.server.config.FerryConfigResolver} reads each with its environment variable.
 */
public final class SharedOptions {

    @Option(names = "--registry", paramLabel = "URL", description = "Share routes through this Redis, redis://HOST:PORT, with every router, gateway and control node of a fleet (env FERRY_REGISTRY; default: the registry journaled in the data dir).")
    String registry;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "Address every listener binds (env FERRY_BIND_ADDRESS; default 127.0.0.1; 0.0.0.0 serves other machines).")
    String bindAddress;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where Ferry keeps its state (env FERRY_DATA_DIR; default ~/.ferry).")
    Path dataDir;
}
