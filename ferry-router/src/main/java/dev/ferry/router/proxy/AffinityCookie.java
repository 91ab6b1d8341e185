package dev.ferry.router.proxy;

/**
 * The session-affinity cookie ({@code ferry_affinity=<endpoint id>} by default), set on the response when the
 * endpoint that answered differs from the one the request's cookie named. Reading it and keeping it from the
 * app is {@code AffinityCookieRule}'s, on the request head.
 */
final class AffinityCookie {

    private AffinityCookie() {
    }

    /** The {@code Set-Cookie} value that pins a client to endpoint {@code id}. */
    static String setCookie(String name, String id) {
        return name + "=" + id + "; Path=/; HttpOnly; SameSite=Lax";
    }
}
