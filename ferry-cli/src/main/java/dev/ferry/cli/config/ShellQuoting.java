package dev.ferry.cli.config;

import java.io.PrintWriter;
import java.util.Map;

/**
 * Config vars as lines a POSIX shell reads back: {@code KEY='value'}, a {@code '} in a value written as
 * {@code '\''}, so {@code eval "$(ferry config:export)"} or {@code . ./vars} sets exactly the stored values.
 */
final class ShellQuoting {

    private ShellQuoting() {
    }

    /** {@code value} in single quotes. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** One {@code KEY='value'} line per var of {@code config}, in the API's order. */
    static void print(PrintWriter out, Map<String, String> config) {
        config.forEach((name, value) -> out.println(name + "=" + quote(value)));
    }
}
