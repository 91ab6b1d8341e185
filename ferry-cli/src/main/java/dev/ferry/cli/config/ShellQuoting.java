package dev.ferry.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
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
    static void print(PrintWriter out, JsonNode config) {
        for (Map.Entry<String, JsonNode> e : config.properties()) {
            out.println(e.getKey() + "=" + quote(e.getValue().asText()));
        }
    }
}
