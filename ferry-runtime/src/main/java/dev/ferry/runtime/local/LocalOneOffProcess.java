package dev.ferry.runtime.local;

import dev.ferry.core.runtime.OneOffCommand;
import dev.ferry.core.runtime.OneOffProcess;
import dev.ferry.runtime.process.ProcessTree;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * A {@code ferry run} process (or a release phase) started by {@link OneOffLauncher}: output and error merged or
 * apart as it was started, and its directory, cgroup and pid file removed once it exits.
 */
final class LocalOneOffProcess implements OneOffProcess {

    private final String name;
    private final Process process;
    private final Duration stopGrace;

    LocalOneOffProcess(String name, Process process, Duration stopGrace, Runnable cleanUp) {
        this.name = name;
        this.process = process;
        this.stopGrace = stopGrace;
        process.onExit().thenRun(cleanUp);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public InputStream output() {
        return process.getInputStream();
    }

    @Override
    public InputStream errors() {
        return process.getErrorStream();
    }

    @Override
    public OutputStream input() {
        return process.getOutputStream();
    }

    @Override
    public void resize(OneOffCommand.Terminal size) {
        TerminalResize.resize(process.toHandle(), size);
    }

    @Override
    public int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** The process id on this machine. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                ProcessTree.stop(process.toHandle(), stopGrace);
            }
        } catch (RuntimeException e) {
            // close never throws; the process is gone or beyond reach
        }
    }
}
