package dev.ferry.core.route;

import java.util.Locale;

/**
 * Validation and normalisation of the host names that key HTTP routes.
 *
 * <p>A route's domain is a lowercase DNS name of letters, digits and dashes ({@code app1.local},
 * {@code hello.localhost}), optionally with a leading wildcard label ({@code *.example.com}, which
 * matches any name ending in {@code .example.com}, at any depth). A trailing dot is dropped. The
 * {@code Host} header of a request is normalised the same way, with its port removed.
 */
public final class HostName {

    private static final int MAX_LABEL_LENGTH = 63;
    private static final int MAX_LENGTH = 253;

    private HostName() {
    }

    /**
     * Returns the canonical form of a route domain.
     *
     * @throws IllegalArgumentException with a sentence a person understands when the name is not valid
     */
    public static String normalizeDomain(String domain) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("domain is empty");
        }
        // Both return the same string when nothing changes: a journal replay of canonical names allocates nothing here.
        String name = domain.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("domain '" + domain + "' is longer than " + MAX_LENGTH + " characters");
        }
        int labelStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            if (i < name.length() && name.charAt(i) != '.') {
                continue;
            }
            if (labelStart == 0 && i == 1 && name.charAt(0) == '*') {
                if (i == name.length()) {
                    throw new IllegalArgumentException("wildcard domain '" + domain + "' needs a suffix, as in *.example.com");
                }
            } else if (!isLabel(name, labelStart, i)) {
                throw new IllegalArgumentException("domain '" + domain
                        + "' is not a valid host name: use letters, digits, dashes and dots, optionally starting with '*.'");
            }
            labelStart = i + 1;
        }
        return name;
    }

    /**
     * A DNS label in {@code name[from, to)}: 1 to 63 lowercase letters, digits and dashes, neither starting nor
     * ending with a dash (a hand-written check: a journal replay runs it for every route at start).
     */
    private static boolean isLabel(String name, int from, int to) {
        int length = to - from;
        if (length < 1 || length > MAX_LABEL_LENGTH || name.charAt(from) == '-' || name.charAt(to - 1) == '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = name.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code domain} is a valid route domain. */
    public static boolean isValidDomain(String domain) {
        try {
            normalizeDomain(domain);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True when a normalised domain is a wildcard ({@code *.example.com}). */
    public static boolean isWildcard(String normalizedDomain) {
        return normalizedDomain.startsWith("*.");
    }

    /**
     * Normalises the value of a {@code Host} header for lookup: lowercase, port and trailing dot removed,
     * IPv6 literals kept with their brackets. Returns {@code null} for an empty or absent header.
     */
    public static String normalizeHostHeader(String host) {
        if (host == null) {
            return null;
        }
        String h = host.trim();
        if (h.isEmpty()) {
            return null;
        }
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close < 0 ? null : h.substring(0, close + 1).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) {
            h = h.substring(0, colon);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h.isEmpty() ? null : h.toLowerCase(Locale.ROOT);
    }
}
