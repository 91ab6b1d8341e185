package dev.ferry.control.json;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The API's one paging style: {@code ?limit=N} items after {@code ?after=X}, where X comes from the previous
 * answer's {@code Link: <path?limit=N&after=X>; rel="next"} header, present when more remain. {@code ?cursor=}
 * is read as another name of {@code ?after=} (the store's lists once used it).
 *
 * <p>Two kinds of list: the store's newest-first lists ({@link #read}; X is an opaque cursor; limit default
 * {@value Page#DEFAULT_LIMIT}, at most {@value Page#MAX_LIMIT}) and lists sorted by a key held in memory
 * ({@link #sorted}: routes, TCP routes, apps; X is the last key; limit default {@value #SORTED_DEFAULT_LIMIT},
 * at most {@value #SORTED_MAX_LIMIT}).
 */
public final class Paging {

    /** The query parameter of where a page starts. */
    public static final String AFTER = "after";
    /** Read as {@link #AFTER} when that is absent. */
    public static final String CURSOR_ALIAS = "cursor";
    public static final int SORTED_DEFAULT_LIMIT = 1000;
    public static final int SORTED_MAX_LIMIT = 10_000;

    private Paging() {
    }

    /** The page of a store list a request asks for. */
    public static Page page(Context ctx) {
        int limit = limit(ctx, Page.DEFAULT_LIMIT, Page.MAX_LIMIT);
        return after(ctx).map(cursor -> Page.after(cursor, limit)).orElseGet(() -> Page.first(limit));
    }

    /** Reads the requested page with {@code query}, sets the {@code Link} header, refuses a bad cursor with 400. */
    public static <T> Paged<T> read(Context ctx, Function<Page, Paged<T>> query) {
        Page page = page(ctx);
        Paged<T> paged;
        try {
            paged = query.apply(page);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        paged.next().ifPresent(next -> link(ctx, next.limit(), next.cursor().orElse("")));
        return paged;
    }

    /**
     * The page of {@code sorted} (sorted by {@code key}) after the requested key, setting the {@code Link} header
     * when more remain.
     *
     * @param comesAfter given the requested key, whether an item comes after it (may refuse a bad key with 400)
     */
    public static <T> List<T> sorted(Context ctx, List<T> sorted, Function<String, Predicate<T>> comesAfter,
                                     Function<T, String> key) {
        int limit = limit(ctx, SORTED_DEFAULT_LIMIT, SORTED_MAX_LIMIT);
        Optional<Predicate<T>> isAfter = after(ctx).map(comesAfter);
        int start = 0;
        if (isAfter.isPresent()) {
            while (start < sorted.size() && !isAfter.get().test(sorted.get(start))) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> page = sorted.subList(start, end);
        if (end < sorted.size()) {
            link(ctx, limit, key.apply(page.getLast()));
        }
        return page;
    }

    private static Optional<String> after(Context ctx) {
        String after = ctx.queryParam(AFTER);
        if (after == null || after.isEmpty()) {
            after = ctx.queryParam(CURSOR_ALIAS);
        }
        return after == null || after.isEmpty() ? Optional.empty() : Optional.of(after);
    }

    private static int limit(Context ctx, int defaultLimit, int maxLimit) {
        String raw = ctx.queryParam("limit");
        if (raw == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(raw.trim());
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidInput("the query parameter 'limit' must be an integer from 1 to " + maxLimit);
    }

    private static void link(Context ctx, int limit, String after) {
        ctx.header("Link", "<" + ctx.path() + "?limit=" + limit + "&" + AFTER + "="
                + URLEncoder.encode(after, StandardCharsets.UTF_8) + ">; rel=\"next\"");
    }
}
