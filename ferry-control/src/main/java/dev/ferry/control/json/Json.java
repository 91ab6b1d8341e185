package dev.ferry.control.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.core.api.AppDetail;
import dev.ferry.core.api.BuildInfo;
import dev.ferry.core.api.EventInfo;
import dev.ferry.core.api.ProcessInfo;
import dev.ferry.control.auth.Caller;
import dev.ferry.core.api.SshInfo;
import dev.ferry.core.api.TokenInfo;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Writes JSON answers: trees, or the response records of {@code dev.ferry.core.api} (a {@code null} component is
 * left out, except in {@link AppDetail}, {@link EventInfo}, {@link ProcessInfo}, {@link BuildInfo}, {@link TokenInfo} and {@link SshInfo}, which always wrote JSON {@code null}); times are ISO-8601 UTC strings ({@link Instant#toString}).
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .addMixIn(AppDetail.class, NullsWritten.class)
            .addMixIn(EventInfo.class, NullsWritten.class)
            .addMixIn(ProcessInfo.class, NullsWritten.class)
            .addMixIn(BuildInfo.class, BuildNullsWritten.class)
            .addMixIn(TokenInfo.class, TokenNullsWritten.class)
            .addMixIn(SshInfo.class, NullsWritten.class);

    /** Records whose {@code null} components the API has always written as JSON {@code null}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private interface NullsWritten {
    }

    /** A build writes its nulls but leaves {@code releaseStatus} out when there is none. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private interface BuildNullsWritten {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String releaseStatus();
    }

    /** A token writes a {@code lastUsedAt} it has not as null, and its secret only when it has one. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    private interface TokenNullsWritten {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        String secret();
    }

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** A response record as a tree, to embed in a larger answer. */
    public static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** An instant as text, or JSON null. */
    public static void putTime(ObjectNode node, String field, Optional<Instant> time) {
        if (time.isPresent()) {
            node.put(field, time.get().toString());
        } else {
            node.putNull(field);
        }
    }

    /** Answers {@code status} with {@code value} as JSON. */
    public static void answer(Context ctx, int status, Object value) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    public static void ok(Context ctx, Object value) {
        answer(ctx, 200, value);
    }

    /**
     * The handler of a list for admins only: answers an admin the list {@code rows} makes at each request, anyone
     * else 403 {@code forbidden} ({@link Caller#admin}) without making it.
     */
    public static Handler adminList(Supplier<? extends List<?>> rows) {
        Objects.requireNonNull(rows, "rows");
        return ctx -> {
            Caller.admin(ctx);
            ok(ctx, rows.get());
        };
    }
}
