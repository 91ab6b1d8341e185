package dev.ferry.build.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.core.manifest.InvalidAppManifest;

/** Whole numbers in {@code app.json}: a JSON number without a fraction, or a string of digits ({@code "5"}). */
final class Numbers {

    private Numbers() {
    }

    static int whole(String where, String key, JsonNode value) {
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) < Integer.MAX_VALUE) {
            return (int) value.doubleValue();
        }
        if (value.isTextual() && value.asText().matches("\\d{1,9}")) {
            return Integer.parseInt(value.asText());
        }
        throw new InvalidAppManifest(where + ": " + key + " must be a whole number, got " + value);
    }
}
