package dev.ferry.runtime.local;

import dev.ferry.runtime.sandbox.NetworkHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@link NetworkHelper} of one instance or one-off process, recorded in {@link PidFiles} like the process
 * itself so that the next start kills it too should it survive Ferry; {@link #close} stops it.
 */
final class NetworkLink implements AutoCloseable {

    static final NetworkLink NONE = new NetworkLink(null, null);

    private final NetworkHelper helper;
    private final Path pidFile;

    private NetworkLink(NetworkHelper helper, Path pidFile) {
        this.helper = helper;
        this.pidFile = pidFile;
    }

    /**
     * Connects the network of {@code sandbox} (started for {@code app}'s {@code id}) when the sandbox isolates it;
     * {@link #NONE} when it shares the host's.
     *
     * @param inboundPort the port routers reach it on ({@code 127.0.0.1:<port>}); 0 for none
     */
    static NetworkLink connect(RuntimeServices svc, Process sandbox, int inboundPort, String app, String id)
            throws IOException {
        Path ready = svc.pids().dir().resolve(app + "." + id + ".net.ready");
        Optional<NetworkHelper> helper = NetworkHelper.connect(svc.sandbox().network(), sandbox, inboundPort, ready,
                svc::start, app + " " + id);
        if (helper.isEmpty()) {
            return NONE;
        }
        try {
            return new NetworkLink(helper.get(), svc.pids().record(app, id + ".net", helper.get().pid()));
        } catch (IOException e) {
            helper.get().close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (helper == null) {
            return;
        }
        helper.close();
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // removed at the next start
        }
    }
}
