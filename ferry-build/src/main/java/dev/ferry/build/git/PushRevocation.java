package dev.ferry.build.git;

import java.util.Optional;

/**
 * Whether the access a git session was opened with has been revoked while it runs (set from the thread that
 * announced the revocation, read by the push's hooks): a push whose access went is refused before its refs move,
 * even when its build already finished. A session served on a thread of its own ({@link #servedBy}) has that
 * thread interrupted on revocation, which ends a wait for the build; {@link #done} makes sure no interrupt meant for
 * this session reaches the thread's next task. Thread-safe.
 */
public final class PushRevocation {

    private String reason;
    private Thread serving;

    /** The thread serving the session, interrupted on revocation until {@link #done}. */
    public synchronized PushRevocation servedBy(Thread thread) {
        this.serving = thread;
        return this;
    }

    /** Marks the session revoked for the given reason (the first reason stays) and interrupts its thread. */
    public synchronized void revoke(String why) {
        if (reason == null) {
            reason = why;
        }
        if (serving != null) {
            serving.interrupt();
        }
    }

    /** Called on the serving thread when the session ended: no interrupt from now on, and none left pending. */
    public void done() {
        synchronized (this) {
            serving = null;
        }
        Thread.interrupted();
    }

    /** The reason when revoked. */
    public synchronized Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
