package dev.ferry.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A successful answer of the control API.
 *
 * @param status the 2xx status
 * @param body   the JSON body; a missing node for 204
 * @param next   the path and query of the next page, from a {@code Link: <...>; rel="next"} header
 */
public record ApiAnswer(int status, JsonNode body, Optional<String> next) {
}
