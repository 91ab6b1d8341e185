package dev.ferry.control.routes;

import dev.ferry.control.error.InvalidInput;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination of a list sorted by its key: {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at
 * most {@value #MAX_LIMIT}) items whose key comes after the {@code ?after=} cursor. When more remain, the
 * answer carries {@code Link: <path?limit=N&after=LAST>; rel="next"}.
 */
record PageRequest(int limit, String after) {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    static PageRequest of(Context ctx) {
        String limitParam = ctx.queryParam("limit");
        int limit = DEFAULT_LIMIT;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidInput("the query parameter 'limit' must be an integer from 1 to " + MAX_LIMIT);
            }
        }
        String after = ctx.queryParam("after");
        return new PageRequest(limit, after == null || after.isEmpty() ? null : after);
    }

    /**
     * The page of {@code sorted} after the cursor, setting the {@code Link} header when more remain.
     *
     * @param isAfter whether an item's key comes after the cursor (the cursor is never null when called)
     */
    <T> List<T> page(Context ctx, List<T> sorted, Function<T, Boolean> isAfter, Function<T, String> key) {
        int start = 0;
        if (after != null) {
            while (start < sorted.size() && !isAfter.apply(sorted.get(start))) {
                start++;
            }
        }
        int end = Math.min(sorted.size(), start + limit);
        List<T> page = sorted.subList(start, end);
        if (end < sorted.size()) {
            String next = ctx.path() + "?limit=" + limit + "&after="
                    + URLEncoder.encode(key.apply(page.get(page.size() - 1)), StandardCharsets.UTF_8);
            ctx.header("Link", "<" + next + ">; rel=\"next\"");
        }
        return page;
    }
}
