package dev.ferry.router.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;

/**
 * The session-affinity cookie ({@code ferry_affinity=<endpoint id>} by default): read from the request,
 * removed from the {@code Cookie} header the backend sees, and set on the response when the chosen
 * endpoint differs from the one the cookie named.
 */
final class AffinityCookie {

    private AffinityCookie() {
    }

    /** The value of the first cookie called {@code name}, or {@code null}. */
    static String find(HttpHeaders headers, String name) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(name)) {
                    String value = pair.substring(eq + 1).trim();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    return value.isEmpty() ? null : value;
                }
            }
        }
        return null;
    }

    /** Removes every cookie called {@code name}, and the {@code Cookie} header if nothing else is left. */
    static void remove(HttpHeaders headers, String name) {
        List<String> all = headers.getAll(HttpHeaderNames.COOKIE);
        if (all.isEmpty()) {
            return;
        }
        List<String> kept = new ArrayList<>();
        boolean changed = false;
        for (String header : all) {
            for (String pair : header.split(";")) {
                String trimmed = pair.trim();
                int eq = trimmed.indexOf('=');
                String cookieName = eq < 0 ? trimmed : trimmed.substring(0, eq).trim();
                if (cookieName.equals(name)) {
                    changed = true;
                } else if (!trimmed.isEmpty()) {
                    kept.add(trimmed);
                }
            }
        }
        if (!changed) {
            return;
        }
        headers.remove(HttpHeaderNames.COOKIE);
        if (!kept.isEmpty()) {
            headers.set(HttpHeaderNames.COOKIE, String.join("; ", kept));
        }
    }

    /** The {@code Set-Cookie} value that pins a client to endpoint {@code id}. */
    static String setCookie(String name, String id) {
        return name + "=" + id + "; Path=/; HttpOnly; SameSite=Lax";
    }
}
