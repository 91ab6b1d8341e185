package dev.ferry.server.up;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How {@code ferry up} stops: SIGTERM (systemd's stop, {@code kill}) and SIGINT (Ctrl-C) both start one graceful
 * stop on a thread of its own (the router stops accepting and finishes requests in flight, then the apps are
 * deregistered, drained and stopped), after which {@code ferry up} exits 0. A second signal during that stop
 * ends the process at once with exit code 1; the next start kills whatever of the apps was left behind. Handled
 * through the JDK's {@code sun.misc.Signal} so that the exit code is Ferry's own, not the JVM's 143 or 130.
 */
final class StopSignals {

    private static final String[] SIGNALS = {"TERM", "INT"};

    private StopSignals() {
    }

    /** Runs {@code gracefulStop} once, on the first SIGTERM or SIGINT. */
    static void install(Runnable gracefulStop, PrintStream err) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : SIGNALS) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
                if (stopping.compareAndSet(false, true)) {
                    err.println("ferry: SIG" + signal.getName() + ": stopping (no new connections; requests in flight"
                            + " finish, then the apps stop); send it again to stop at once");
                    Thread.ofPlatform().name("ferry-stop").start(gracefulStop);
                } else {
                    err.println("ferry: SIG" + signal.getName() + " again: stopping at once");
                    Runtime.getRuntime().halt(1);
                }
            });
        }
    }
}
