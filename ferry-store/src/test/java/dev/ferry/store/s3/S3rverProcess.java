package dev.ferry.store.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real S3-compatible server for the S3 slug store's tests: {@code s3rver} {@value #VERSION} from the npm
 * registry (installed once with the machine's npm into {@code <tmp>/ferry-s3rver-<version>}, which
 * {@code .ci/run}'s npm makes possible), run by Node.js on an ephemeral loopback port with its objects in a
 * test's directory, path-style, with the given buckets made at start. It knows one access key, {@value #ACCESS_KEY}
 * (any other is refused with {@code InvalidAccessKeyId}); it does not check SigV4 signatures. Objects are files
 * {@code <dir>/<bucket>/<key>._S3rver_object}, which {@link #objects} lists without going through S3.
 */
public final class S3rverProcess implements AutoCloseable {

    public static final String VERSION = "3.7.1";
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private static final Pattern LISTENING = Pattern.compile("S3rver listening on [^:]+:(\\d+)");
    private static final String OBJECT_SUFFIX = "._S3rver_object";

    private final Path dir;
    private final Process process;
    private final int port;

    private S3rverProcess(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** Starts a server keeping its objects in {@code dir}, with {@code buckets} made. */
    public static S3rverProcess start(Path dir, String... buckets) throws IOException, InterruptedException {
        Path script = installed().resolve("node_modules/s3rver/bin/s3rver.js");
        Files.createDirectories(dir);
        List<String> command = new ArrayList<>(List.of("node", script.toString(), "-d", dir.toString(),
                "-a", "127.0.0.1", "-p", "0", "--no-vhost-buckets", "-s"));
        for (String bucket : buckets) {
            command.addAll(List.of("--configure-bucket", bucket));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readPort(process, port), "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new S3rverProcess(dir, process, port.get(30, TimeUnit.SECONDS));
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IOException("s3rver did not start: " + e.getMessage(), e);
        }
    }

    /** The directory s3rver {@value #VERSION} is installed in, installing it with npm the first time. */
    private static synchronized Path installed() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "ferry-s3rver-" + VERSION);
        if (Files.isRegularFile(home.resolve("node_modules/s3rver/bin/s3rver.js"))) {
            return home;
        }
        Path temp = Files.createTempDirectory(home.getParent(), "ferry-s3rver-installing-");
        Files.writeString(temp.resolve("package.json"), "{\"private\": true}\n");
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", "s3rver@" + VERSION)
                .directory(temp.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IOException("npm install s3rver@" + VERSION + " failed: " + output);
        }
        try {
            Files.move(temp, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException | java.nio.file.FileAlreadyExistsException
                 | java.nio.file.DirectoryNotEmptyException e) {
            // another test JVM installed it meanwhile: use that one
        }
        return home;
    }

    /** Completes {@code port} with the port s3rver prints once it listens, then reads (and drops) the rest. */
    private static void readPort(Process process, CompletableFuture<Integer> port) {
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                } else if (!port.isDone()) {
                    seen.append(line).append('\n');
                }
            }
        } catch (IOException e) {
            // the server stopped
        }
        port.completeExceptionally(new IllegalStateException("s3rver exited before listening: " + seen));
    }

    /** The endpoint, {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The environment that points the slug store at this server with its one access key. */
    public Map<String, String> env() {
        return Map.of(S3Settings.ENDPOINT_VARIABLE, endpoint(), S3Settings.ACCESS_KEY_VARIABLE, ACCESS_KEY,
                S3Settings.SECRET_KEY_VARIABLE, SECRET_KEY, S3Settings.REGION_VARIABLE, "us-east-1");
    }

    /** The keys of the objects in {@code bucket}, sorted, read from the server's directory. */
    public List<String> objects(String bucket) throws IOException {
        Path root = dir.resolve(bucket);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(name -> name.endsWith(OBJECT_SUFFIX))
                    .map(name -> name.substring(0, name.length() - OBJECT_SUFFIX.length()))
                    .sorted(Comparator.naturalOrder()).toList();
        }
    }

    /** The file holding object {@code key} of {@code bucket}. */
    public Path objectFile(String bucket, String key) {
        return dir.resolve(bucket).resolve(key + OBJECT_SUFFIX);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
