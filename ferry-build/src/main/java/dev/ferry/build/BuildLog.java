package dev.ferry.build;

/**
 * Where a build writes its output, one line at a time; the git endpoint sends each line to the pusher as a
 * {@code remote:} line as soon as it is written. Called from the build's threads, one line at a time.
 */
@FunctionalInterface
public interface BuildLog {

    /** One line of output without its line break. */
    void line(String text);

    /** A step header: {@code -----> text}. */
    default void step(String text) {
        line("-----> " + text);
    }

    /** Detail under a step, indented like Heroku's buildpacks. */
    default void detail(String text) {
        line("       " + text);
    }
}
