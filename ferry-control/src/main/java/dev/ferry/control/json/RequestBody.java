package dev.ferry.control.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.ferry.control.error.InvalidInput;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API's one reader of request bodies: one JSON object (duplicate fields refused), read into a request record of
 * {@code dev.ferry.core.api} ({@link #parse(String, Class)}) or, for bodies that are maps or streams' control
 * messages, as a tree; every refusal is a 400 {@code bad_request} naming the field. An empty body counts as {@code {}} only where {@link #parseOrEmpty} is used.
 */
public final class RequestBody {

    private static final ObjectMapper MAPPER = textOnlyFromStrings(
            new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).registerModule(new Jdk8Module()));
    private static final String TOP = "the request body";

    private final ObjectNode node;

    /**
     * A number or boolean where a record wants text, a string or number where it wants a boolean, or a fraction,
     * string or boolean where it wants an integer, is refused, as {@link #optionalText} refuses a non-string.
     */
    private static ObjectMapper textOnlyFromStrings(ObjectMapper mapper) {
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return mapper;
    }

    /**
     * {@code value}, a required field of a request record; a 400 naming {@code field} when it is absent (a blank
     * value is the caller's to judge, as {@link #requiredText} leaves it).
     */
    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new InvalidInput(TOP + " needs the field '" + field + "'");
        }
        return value;
    }

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
            throw new InvalidInput(TOP + " has unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; known fields are " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    /** The object itself, for bodies that are maps. */
    public ObjectNode node() {
        return node;
    }

    public Optional<String> optionalText(String field) {
        JsonNode v = value(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return Optional.of(v.textValue());
    }

    private JsonNode value(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v;
    }

    private InvalidInput wrongType(String field, String expected) {
        return new InvalidInput("the field '" + field + "'"
                + " must be " + expected);
    }

    /**
     * Parses a JSON object into a request record of {@code dev.ferry.core.api}: only the record's component names
     * are allowed as fields, so the names are written once, in the record the clients send.
     */
    public static <R extends Record> R parse(String text, Class<R> type) {
        return parse(text, type, false);
    }

    /** As {@link #parse(String, Class)}, with an empty body read as {@code {}}. */
    public static <R extends Record> R parseOrEmpty(String text, Class<R> type) {
        return parse(text, type, true);
    }

    private static <R extends Record> R parse(String text, Class<R> type, boolean emptyAllowed) {
        Set<String> fields = new LinkedHashSet<>();
        for (RecordComponent c : type.getRecordComponents()) {
            fields.add(c.getName());
        }
        RequestBody body = emptyAllowed ? parseOrEmpty(text, fields) : parse(text, fields);
        R value;
        try {
            value = MAPPER.treeToValue(body.node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInput("the field '" + where(e) + "' has unknown field '" + e.getPropertyName()
                    + "'; known fields are " + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf)
                    .sorted().toList()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new InvalidInput("the request body does not fit: " + reason);
        }
        return body.withAbsentOptionalsNull(value);
    }

    /** The dotted path of the object that holds an unknown field, e.g. {@code healthCheck}. */
    private static String where(UnrecognizedPropertyException e) {
        List<String> names = new ArrayList<>();
        for (var ref : e.getPath().subList(0, Math.max(0, e.getPath().size() - 1))) {
            names.add(ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()));
        }
        return String.join(".", names);
    }

    /**
     * Jackson reads an absent {@code Optional} component as empty, as it reads {@code null}; a request record tells
     * them apart ({@code null}: not given, empty: given as {@code null}), so absent ones are set back to null.
     */
    private <R extends Record> R withAbsentOptionalsNull(R value) {
        RecordShape shape = SHAPES.get(value.getClass());
        if (shape.optionals().length == 0) {
            return value;
        }
        boolean changed = false;
        for (int i : shape.optionals()) {
            changed |= !node.has(shape.components()[i].getName());
        }
        if (!changed) {
            return value;
        }
        RecordComponent[] components = shape.components();
        Object[] args = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                args[i] = components[i].getType() == Optional.class && !node.has(components[i].getName()) ? null
                        : components[i].getAccessor().invoke(value);
            }
            @SuppressWarnings("unchecked")
            R rebuilt = (R) shape.constructor().newInstance(args);
            return rebuilt;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("request records are public records of dev.ferry.core.api", e);
        }
    }

    /** A request record's components, which of them are {@code Optional}, and its canonical constructor. */
    private record RecordShape(RecordComponent[] components, int[] optionals, Constructor<?> constructor) {
    }

    /** Read once per record type: reflection per request was most of what reading a small body allocated. */
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            int[] optionals = java.util.stream.IntStream.range(0, components.length)
                    .filter(i -> components[i].getType() == Optional.class).toArray();
            try {
                Class<?>[] types = java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
                return new RecordShape(components, optionals, type.getDeclaredConstructor(types));
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("request records are public records of dev.ferry.core.api", e);
            }
        }
    };
}
