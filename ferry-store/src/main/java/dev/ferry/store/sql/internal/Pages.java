package dev.ferry.store.sql.internal;

import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Keyset pagination over lists ordered newest first by a number (release version, event id): the cursor is
 * the number of the last item of the previous page. One more item than the limit is read to know whether
 * there is a next page.
 */
public final class Pages {

    private Pages() {
    }

    /** The number to read below: the cursor's, or {@link Long#MAX_VALUE} on the first page. */
    public static long before(Page page) {
        if (page.cursor().isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            long before = Long.parseLong(page.cursor().get());
            if (before < 0) {
                throw new NumberFormatException();
            }
            return before;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + page.cursor().get() + "' is not a cursor of this list");
        }
    }

    /** The page of {@code items}, which were read with a limit of {@code page.limit() + 1}. */
    public static <T> Paged<T> of(Page page, List<T> items, ToLongFunction<T> key) {
        if (items.size() <= page.limit()) {
            return new Paged<>(items, Optional.empty());
        }
        List<T> shown = items.subList(0, page.limit());
        long last = key.applyAsLong(shown.getLast());
        return new Paged<>(shown, Optional.of(Page.after(Long.toString(last), page.limit())));
    }
}
