package dev.ferry.store.route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading journal files in tests. */
final class JournalFiles {

    private JournalFiles() {
    }

    /** The records of a journal: every line after the header. */
    static List<String> records(Path journal) {
        try {
            List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
