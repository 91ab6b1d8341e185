package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * An answer read as a record, with the JSON the API sent: for a command that prints the API's JSON as it came
 * ({@code --json}), where the record would leave out fields the API writes as {@code null} or a newer platform adds.
 *
 * @param json  the answer as the API wrote it
 * @param value the same answer as a record
 */
public record Read<T>(JsonNode json, T value) {

    public Read {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(value, "value");
    }
}
