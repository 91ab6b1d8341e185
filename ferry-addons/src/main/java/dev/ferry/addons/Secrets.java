package dev.ferry.addons;

import java.security.SecureRandom;
import java.util.Base64;

/** Random passwords for add-on credentials: 32 bytes from {@link SecureRandom}, URL-safe base64 without padding. */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    static String password() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** 8 random lower-case hex digits, to tell apart the login roles of one add-on. */
    static String suffix() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** The add-on's name as a SQL or ACL identifier: {@code addon_} and the name with dashes as underscores. */
    static String resourceName(String addonName) {
        return "addon_" + addonName.replace('-', '_');
    }
}
