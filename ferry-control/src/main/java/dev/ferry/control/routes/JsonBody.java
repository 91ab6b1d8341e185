package dev.ferry.control.routes;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.control.error.InvalidInput;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A request body that must be one JSON object with only known fields, read field by field with a 400
 * {@code bad_request} naming the field when one is missing or of the wrong type.
 */
final class JsonBody {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String where;
    private final ObjectNode node;

    private JsonBody(String where, ObjectNode node) {
        this.where = where;
        this.node = node;
    }

    /** Parses {@code text} as a JSON object whose field names are all in {@code allowed}. */
    static JsonBody parse(String text, Set<String> allowed) {
        JsonNode tree;
        try {
            tree = text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInput("the request body must be a JSON object");
        }
        return of("the request body", (ObjectNode) tree, allowed);
    }

    /** Wraps a nested object, {@code where} naming it in error messages. */
    static JsonBody of(String where, ObjectNode node, Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInput(where + " has unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(n -> "'" + n + "'").toList())
                    + "; known fields are " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return new JsonBody(where, node);
    }

    boolean has(String field) {
        return node.has(field);
    }

    boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    String requiredText(String field) {
        return optionalText(field).orElseThrow(() -> new InvalidInput(where + " needs the field '" + field + "'"));
    }

    Optional<String> optionalText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return Optional.of(v.textValue());
    }

    Optional<Integer> optionalInt(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(field, "an integer");
        }
        return Optional.of(v.intValue());
    }

    Optional<Long> optionalLong(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, "an integer");
        }
        return Optional.of(v.longValue());
    }

    int requiredInt(String field) {
        return optionalInt(field).orElseThrow(() -> new InvalidInput(where + " needs the field '" + field + "'"));
    }

    Optional<Boolean> optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw wrongType(field, "true or false");
        }
        return Optional.of(v.booleanValue());
    }

    /** The nested object of {@code field}, empty when absent or null. */
    Optional<JsonBody> optionalObject(String field, Set<String> allowed) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw wrongType(field, "an object or null");
        }
        return Optional.of(of("the field '" + field + "'", (ObjectNode) v, allowed));
    }

    private InvalidInput wrongType(String field, String expected) {
        return new InvalidInput("the field '" + field + "' in " + where + " must be " + expected);
    }
}
