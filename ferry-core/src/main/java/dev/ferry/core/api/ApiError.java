package dev.ferry.core.api;

import java.util.Objects;

/**
 * Every error answer of the control API: {@code {"error": "<human sentence>", "code": "<stable_code>"}}.
 *
 * @param error a sentence for people, shown as is by the CLI
 * @param code  a stable code for programs ({@code not_found}, {@code name_taken}, …)
 */
public record ApiError(String error, String code) {
    public ApiError {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(code, "code");
    }
}
