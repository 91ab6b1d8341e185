package dev.ferry.runtime.local;

import dev.ferry.runtime.process.ProcStat;
import dev.ferry.runtime.process.ProcessTree;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One small file per running process in {@code <runtime-dir>/pids/} (pid, its start time from
 * {@code /proc/<pid>/stat}, app and instance), so that after a {@code kill -9} of Ferry the next start finds
 * the processes it left and kills them ({@link #killLeftovers}); the start time must match, so a reused pid is
 * never killed.
 */
final class PidFiles {

    private static final Logger log = LoggerFactory.getLogger(PidFiles.class);

    private final Path dir;

    PidFiles(Path dir) {
        this.dir = dir;
    }

    /** The directory of the pid files. */
    Path dir() {
        return dir;
    }

    /** Records a started process; returns its file, to delete once the process is gone. */
    Path record(String app, String instanceId, long pid) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("start", Long.toString(ProcStat.startTime(pid).orElse(-1)));
        p.setProperty("app", app);
        p.setProperty("instance", instanceId);
        Path file = dir.resolve(app + "." + instanceId + ".pid");
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        try (Writer w = Files.newBufferedWriter(tmp)) {
            p.store(w, null);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Kills every recorded process still running with its recorded start time; returns how many. */
    int killLeftovers() {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int killed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                if (f.getFileName().toString().endsWith(".pid") && killIfOurs(f)) {
                    killed++;
                }
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            log.warn("could not read leftover pid files in {}: {}", dir, e.toString());
        }
        return killed;
    }

    private static boolean killIfOurs(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
            long pid = Long.parseLong(p.getProperty("pid", "0"));
            long start = Long.parseLong(p.getProperty("start", "-1"));
            OptionalLong now = ProcStat.startTime(pid);
            if (pid <= 1 || start < 0 || now.isEmpty() || now.getAsLong() != start) {
                return false;
            }
            var handle = ProcessHandle.of(pid);
            if (handle.isEmpty()) {
                return false;
            }
            log.warn("killing {} left running by an earlier Ferry (pid {})", p.getProperty("instance"), pid);
            ProcessTree.kill(handle.get());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
