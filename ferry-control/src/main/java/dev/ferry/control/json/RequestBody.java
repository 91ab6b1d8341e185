package dev.ferry.control.json;

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
 * A request body that must be one JSON object, read field by field; every refusal is a 400
 * {@code bad_request} naming the field. An empty body counts as {@code {}} only where {@link #parseOrEmpty}
 * is used.
 */
public final class RequestBody {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final ObjectNode node;

    private RequestBody(ObjectNode node) {
        this.node = node;
    }

    /** Parses a JSON object with any field names (e.g. config vars). */
    public static RequestBody parse(String text) {
        JsonNode tree;
        try {
            tree = text == null || text.isBlank() ? null : MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInput("the request body must be a JSON object");
        }
        return new RequestBody((ObjectNode) tree);
    }

    /** Parses a JSON object whose field names are all in {@code allowed}. */
    public static RequestBody parse(String text, Set<String> allowed) {
        RequestBody body = parse(text);
        body.onlyFields(allowed);
        return body;
    }

    /** As {@link #parse(String, Set)}, with an empty body read as {@code {}}. */
    public static RequestBody parseOrEmpty(String text, Set<String> allowed) {
        return text == null || text.isBlank() ? new RequestBody(MAPPER.createObjectNode()) : parse(text, allowed);
    }

    private void onlyFields(Set<String> allowed) {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                unknown.add("'" + name + "'");
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInput("the request body has unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; known fields are " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    /** The object itself, for bodies that are maps. */
    public ObjectNode node() {
        return node;
    }

    public boolean isEmpty() {
        return node.isEmpty();
    }

    public String requiredText(String field) {
        return optionalText(field).orElseThrow(() -> new InvalidInput("the request body needs the field '" + field + "'"));
    }

    public Optional<String> optionalText(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new InvalidInput("the field '" + field + "' must be a string");
        }
        return Optional.of(v.textValue());
    }

    public Optional<Integer> optionalInt(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new InvalidInput("the field '" + field + "' must be an integer");
        }
        return Optional.of(v.intValue());
    }

    public Optional<Boolean> optionalBoolean(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            throw new InvalidInput("the field '" + field + "' must be true or false");
        }
        return Optional.of(v.booleanValue());
    }

    /**
     * Parses a JSON object into a request record of {@code dev.ferry.core.api}: only the record's component names
     * are allowed as fields, so the names are written once, in the record the clients send.
     */
    public static <R extends Record> R parse(String text, Class<R> type) {
        Set<String> fields = new java.util.LinkedHashSet<>();
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            fields.add(c.getName());
        }
        RequestBody body = parse(text, fields);
        try {
            return MAPPER.treeToValue(body.node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInput("the request body does not fit: " + reason);
        }
    }
}
