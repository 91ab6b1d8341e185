package dev.ferry.build.git;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The password of an HTTP Basic {@code Authorization} header, which for git is the API token; the user
 * name is ignored.
 */
final class BasicCredentials {

    private BasicCredentials() {
    }

    /** The password, or empty when the header is missing or not Basic. */
    static Optional<String> password(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
