package dev.ferry.api.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The client's JSON: {@code null} components of request records are left out and an empty {@code Optional} one is
 * written as {@code null} (as {@link dev.ferry.core.api.RouteRequest#healthCheck} removes a health check; a
 * {@code null} map value, as in {@link dev.ferry.core.api.ConfigChange#body}, is written too), and fields an answer has beyond
 * its record are ignored (a newer platform may add some).
 */
public final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL,
                    JsonInclude.Include.ALWAYS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new Jdk8Module());

    private ApiJson() {
    }

    /** Compact JSON of a record or a tree, as the API writes it. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The tree of {@code text}; a missing node when it is blank or not JSON. */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * An answer that is one JSON object keyed by name (config vars, the formation), each value read by {@code value},
     * in the answer's order; an {@link IllegalStateException} naming {@code what} when it is not an object.
     */
    static <V> Map<String, V> object(JsonNode answer, String what, Function<JsonNode, V> value) {
        if (!answer.isObject()) {
            throw new IllegalStateException("the API answered " + what + " with something other than an object");
        }
        Map<String, V> all = new LinkedHashMap<>();
        answer.properties().forEach(e -> all.put(e.getKey(), value.apply(e.getValue())));
        return all;
    }

    /** {@code tree} as a {@code type}; an {@link IllegalStateException} naming the type when it does not fit. */
    public static <T> T read(JsonNode tree, Class<T> type) {
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("the API answered something other than a " + type.getSimpleName(), e);
        }
    }
}
