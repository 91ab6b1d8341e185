package dev.ferry.core.build;

import dev.ferry.core.store.StoreException;
import dev.ferry.core.store.StoreUnavailable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where a failure the user did not cause becomes a sentence for the user (git's
 * {@code remote:} lines, the kept build output): never an exception's own text, which names files of the
 * server ({@code /…/data/ferry.db}, the build's work directory). The caller logs the exception itself.
 */
public final class FailureReasons {

    /** Added to every sentence that hides details. */
    public static final String SEE_LOG = "the server log has the details";

    /** An absolute path: a slash at the start of a word, then path characters. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.~:/-])/[^\\s'\"(),:;]*");

    private FailureReasons() {
    }

    /**
     * What went wrong, for the pusher: the store's own sentence for a store condition the pusher can act on,
     * otherwise what kind of failure it was and {@link #SEE_LOG}.
     */
    public static String of(Throwable e) {
        return switch (e) {
            case StoreUnavailable x -> "the platform's store is unavailable; " + SEE_LOG;
            case StoreException x -> withoutPaths(x.getMessage());
            case IOException x -> "the server could not read or write its files; " + SEE_LOG;
            case UncheckedIOException x -> "the server could not read or write its files; " + SEE_LOG;
            default -> "an unexpected error on the server; " + SEE_LOG;
        };
    }

    /**
     * The message of a file operation on the app's own files: paths inside {@code appDir} are shown relative to
     * it ({@code package.json}), any other absolute path as {@code <server path>}.
     */
    public static String appFiles(IOException e, Path appDir) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String dir = appDir.toAbsolutePath().normalize().toString();
        return withoutPaths(message.replace(dir + "/", "").replace(dir, "."));
    }

    /**
     * {@code text} with every path inside {@code dir} (the data directory) replaced by {@code <server path>}, for
     * sentences that may quote other paths the user should see.
     */
    public static String withoutPathsIn(String text, Path dir) {
        if (text == null) {
            return "";
        }
        String prefix = dir.toAbsolutePath().normalize().toString();
        return text.replaceAll(Pattern.quote(prefix) + "(?=[/\\s'\"(),:;]|$)[^\\s'\"(),:;]*", Matcher.quoteReplacement("<server path>"));
    }

    /** {@code text} with every absolute path replaced by {@code <server path>}. */
    public static String withoutPaths(String text) {
        return text == null ? "" : ABSOLUTE_PATH.matcher(text).replaceAll(Matcher.quoteReplacement("<server path>"));
    }
}
