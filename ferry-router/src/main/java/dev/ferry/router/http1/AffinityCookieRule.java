package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;
import java.nio.charset.StandardCharsets;

/**
 * Reads the session-affinity cookie ({@code ferry_affinity=<endpoint id>} by default) in place and keeps it
 * from the backend: a {@code Cookie} field that holds it is dropped and, when other cookies remain, replaced by
 * one with the rest ({@code a=1; b=2}). Requests without it cost a scan and nothing else. The first value
 * found (quotes removed; empty counts as none) is {@link RequestHead#affinityId()}, used when the route asks
 * for affinity.
 */
final class AffinityCookieRule implements HeadRule {

    private final byte[] name;

    AffinityCookieRule(String name) {
        this.name = name.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public RequestRefused apply(RequestHead head) {
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i) == FieldName.COOKIE && holdsCookie(head, i)) {
                rewrite(head, i);
            }
        }
        return null;
    }

    /** True when field {@code f} holds the cookie; notes its value the first time. */
    private boolean holdsCookie(RequestHead head, int f) {
        boolean found = false;
        int end = head.valueEnd(f);
        int pair = head.valueStart(f);
        while (pair < end) {
            int semi = pair;
            while (semi < end && head.byteAt(semi) != ';') {
                semi++;
            }
            int s = skipSpace(head, pair, semi);
            int eq = s;
            while (eq < semi && head.byteAt(eq) != '=') {
                eq++;
            }
            int nameEnd = eq;
            while (nameEnd > s && FieldLines.isWhitespace(head.byteAt(nameEnd - 1))) {
                nameEnd--;
            }
            if (eq < semi && nameEnd - s == name.length && sameName(head, s)) {
                found = true;
                if (head.affinityId == null) {
                    head.affinityId = value(head, eq + 1, semi);
                }
            }
            pair = semi + 1;
        }
        return found;
    }

    private boolean sameName(RequestHead head, int start) {
        for (int k = 0; k < name.length; k++) {
            if (head.byteAt(start + k) != name[k]) {
                return false;
            }
        }
        return true;
    }

    private static String value(RequestHead head, int start, int end) {
        String v = head.text(start, end).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }

    /** Drops field {@code f} and adds a Cookie field with its other cookies, if any. */
    private void rewrite(RequestHead head, int f) {
        head.drop(f);
        StringBuilder kept = new StringBuilder();
        for (String pair : head.valueText(f).split(";")) {
            String trimmed = pair.strip();
            int eq = trimmed.indexOf('=');
            String cookieName = eq < 0 ? trimmed : trimmed.substring(0, eq).strip();
            if (!trimmed.isEmpty() && !cookieName.equals(new String(name, StandardCharsets.ISO_8859_1))) {
                kept.append(kept.isEmpty() ? "" : "; ").append(trimmed);
            }
        }
        if (!kept.isEmpty()) {
            head.added.add("Cookie", kept.toString());
        }
    }

    private static int skipSpace(RequestHead head, int from, int to) {
        int i = from;
        while (i < to && FieldLines.isWhitespace(head.byteAt(i))) {
            i++;
        }
        return i;
    }
}
