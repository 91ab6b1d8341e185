package dev.ferry.store.route.internal;

import dev.ferry.store.route.CorruptJournalException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state read back from a journal file: the last {@link JournalLine.Set} of every route not deleted
 * since, and how much of the file is good.
 *
 * <p>A torn end (bytes after the last newline, or a last record that does not parse) is what a crash in
 * the middle of an append leaves; it is reported through {@link #goodLength} so the caller can cut it off.
 * Anything wrong before the last record is corruption, and {@link #read} throws without touching the file.
 *
 * @param routes       the replayed routes, in first-registration order
 * @param records      the number of good records (lines after the header)
 * @param goodLength   the byte length of the good part of the file
 * @param droppedTail  what was dropped at the end, for the log; empty when nothing was
 */
public record JournalReplay(List<JournalLine.Set> routes, int records, long goodLength, String droppedTail) {

    /** Replays {@code file}, which must exist; an empty file is an empty journal. */
    public static JournalReplay read(Path file) throws IOException {
        byte[] data = Files.readAllBytes(file);
        List<String> lines = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n') {
                lines.add(new String(data, start, i - start, StandardCharsets.UTF_8));
                ends.add(i + 1);
                start = i + 1;
            }
        }
        String tornBytes = start < data.length ? (data.length - start) + " bytes without a newline" : "";
        if (lines.isEmpty()) {
            String partial = new String(data, StandardCharsets.UTF_8);
            if (!JournalLine.HEADER.startsWith(partial)) {
                throw new CorruptJournalException(file, 1, "not a Ferry route journal (the first line must be '"
                        + JournalLine.HEADER + "')", null);
            }
            return new JournalReplay(List.of(), 0, 0, tornBytes);
        }
        checkHeader(file, lines.get(0));
        Map<RouteKey, JournalLine.Set> routes = new LinkedHashMap<>();
        for (int i = 1; i < lines.size(); i++) {
            JournalLine record;
            try {
                record = JournalLine.parse(lines.get(i));
            } catch (RuntimeException e) {
                if (i == lines.size() - 1) {
                    String dropped = "line " + (i + 1) + " (" + e.getMessage() + ")"
                            + (tornBytes.isEmpty() ? "" : " and " + tornBytes);
                    return new JournalReplay(List.copyOf(routes.values()), i - 1, ends.get(i - 1), dropped);
                }
                throw new CorruptJournalException(file, i + 1, e.getMessage(), e);
            }
            switch (record) {
                case JournalLine.Set set -> routes.put(set.state().key(), set);
                case JournalLine.Delete del -> routes.remove(del.key());
            }
        }
        return new JournalReplay(List.copyOf(routes.values()), lines.size() - 1, ends.get(ends.size() - 1), tornBytes);
    }

    private static void checkHeader(Path file, String first) {
        if (first.equals(JournalLine.HEADER)) {
            return;
        }
        String prefix = JournalLine.HEADER.substring(0, JournalLine.HEADER.lastIndexOf('v') + 1);
        if (first.startsWith(prefix)) {
            throw new CorruptJournalException(file, 1, "format '" + first.substring(prefix.length() - 1)
                    + "' is not the one this Ferry reads (" + JournalLine.HEADER + "); was it written by a newer Ferry?", null);
        }
        throw new CorruptJournalException(file, 1, "not a Ferry route journal (the first line must be '"
                + JournalLine.HEADER + "')", null);
    }
}
