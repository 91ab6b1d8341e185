package dev.ferry.control.json;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.Paged;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Pagination of the store's newest-first lists: {@code ?limit=} (default {@value Page#DEFAULT_LIMIT}, at
 * most {@value Page#MAX_LIMIT}) and {@code ?cursor=} from the previous answer's
 * {@code Link: <path?limit=N&cursor=C>; rel="next"} header, present when more remain.
 */
public final class Paging {

    private Paging() {
    }

    /** The page a request asks for. */
    public static Page page(Context ctx) {
        String limitParam = ctx.queryParam("limit");
        int limit = Page.DEFAULT_LIMIT;
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam.trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > Page.MAX_LIMIT) {
                throw new InvalidInput("the query parameter 'limit' must be an integer from 1 to " + Page.MAX_LIMIT);
            }
        }
        String cursor = ctx.queryParam("cursor");
        return cursor == null || cursor.isEmpty() ? Page.first(limit) : Page.after(cursor, limit);
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
        link(ctx, paged);
        return paged;
    }

    /** Sets the {@code Link} header of the next page when there is one. */
    public static void link(Context ctx, Paged<?> paged) {
        paged.next().ifPresent(next -> ctx.header("Link", "<" + ctx.path() + "?limit=" + next.limit() + "&cursor="
                + URLEncoder.encode(next.cursor().orElse(""), StandardCharsets.UTF_8) + ">; rel=\"next\""));
    }
}
