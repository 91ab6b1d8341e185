package dev.ferry.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A Heroku-style aligned table: an upper-case header row (bold when colour is on), then one row per item,
 * columns separated by two spaces, the last column not padded. Cells are escaped ({@link TerminalText}), so a
 * value cannot break the table or the terminal; a column may be styled by its content ({@link #style}), shown
 * only when colour is on.
 */
public final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final Map<Integer, Function<String, Style>> styles = new HashMap<>();

    public TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    public TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells, not " + cells.length);
        }
        List<String> escaped = new ArrayList<>(cells.length);
        for (String cell : cells) {
            escaped.add(TerminalText.escape(cell == null ? "" : cell));
        }
        rows.add(List.copyOf(escaped));
        return this;
    }

    /** Styles the cells of column {@code index} (0-based) by their text, e.g. {@link Style#ofState}. */
    public TextTable style(int index, Function<String, Style> style) {
        styles.put(index, style);
        return this;
    }

    public void print(PrintWriter out, boolean colour) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        String header = line(headers, widths, null, false, null);
        if (colour) {
            TerminalWriter.print(out, Style.BOLD, header);
            out.println();
        } else {
            out.println(header);
        }
        for (List<String> row : rows) {
            line(row, widths, out, colour, styles);
            out.println();
        }
        out.flush();
    }

    /** Prints the line on {@code out} when given; returns it unstyled, without trailing blanks. */
    private static String line(List<String> cells, int[] widths, PrintWriter out, boolean colour,
            Map<Integer, Function<String, Style>> styles) {
        int last = cells.size() - 1;
        while (last > 0 && cells.get(last).isBlank()) {
            last--;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            String cell = i == last ? cells.get(i).stripTrailing() : cells.get(i);
            String padding = i < last ? " ".repeat(widths[i] - cell.length() + 2) : "";
            b.append(cell).append(padding);
            if (out != null) {
                Style style = colour && styles.containsKey(i) ? styles.get(i).apply(cell) : null;
                TerminalWriter.print(out, style, cell);
                out.print(padding);
            }
        }
        return b.toString();
    }
}
