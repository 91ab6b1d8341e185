package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;

/** Byte-level character classes of RFC 9110 and case-insensitive comparisons over buffers; no allocation. */
final class Ascii {

    private static final boolean[] TCHAR = new boolean[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Ascii() {
    }

    /** RFC 9110 {@code tchar}: a character of a method, a header name or a token. */
    static boolean isTokenChar(int b) {
        return TCHAR[b & 0xff];
    }

    /** RFC 9110 {@code field-vchar} or a space or tab: visible ASCII and obs-text; no control character. */
    static boolean isFieldValueChar(int b) {
        int c = b & 0xff;
        return c >= 0x20 && c != 0x7f || c == '\t';
    }

    /** A character the router accepts in a request target: visible ASCII except {@code " < > \ #}. */
    static boolean isTargetChar(int b) {
        int c = b & 0xff;
        return c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\' && c != '#';
    }

    static int toLower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** True when {@code buf[start, start + lower.length)} equals {@code lower} ignoring ASCII case. */
    static boolean equalsLowerCase(ByteBuf buf, int start, byte[] lower) {
        for (int i = 0; i < lower.length; i++) {
            if (toLower(buf.getByte(start + i)) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code buf[start, end)} equals {@code lower} ignoring ASCII case. */
    static boolean equalsLowerCase(ByteBuf buf, int start, int end, byte[] lower) {
        return end - start == lower.length && equalsLowerCase(buf, start, lower);
    }

    /** True when {@code buf[a, a + length)} and {@code buf[b, b + length)} are equal ignoring ASCII case. */
    static boolean regionsEqualIgnoreCase(ByteBuf buf, int a, int b, int length) {
        for (int i = 0; i < length; i++) {
            if (toLower(buf.getByte(a + i)) != toLower(buf.getByte(b + i))) {
                return false;
            }
        }
        return true;
    }
}
