package dev.ferry.router.http1;

import dev.ferry.core.route.HostName;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;

/**
 * Makes sure the request names one valid host, which is what the proxy routes by; refused with 400
 * {@code bad_request}: no {@code Host}, two {@code Host} fields, a {@code Host} that is not {@code host[:port]}
 * (RFC 9110 §7.2: reg-name, IPv4 or bracketed IPv6, a port of at most five digits &le; 65535), and an
 * absolute-form target whose authority is invalid, has user info or disagrees with {@code Host}. An
 * absolute-form target goes on in origin form ({@code /path}); an HTTP/1.0 request in absolute form may omit
 * {@code Host}, which is then taken from the target and added to the forwarded head.
 */
final class HostRule implements HeadRule {

    @Override
    public RequestRefused apply(RequestHead head) {
        int host = -1;
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i) == FieldName.HOST) {
                if (host >= 0) {
                    return bad("several Host fields");
                }
                host = i;
            }
        }
        if (host >= 0) {
            head.hostStart = head.valueStart(host);
            head.hostEnd = head.valueEnd(host);
            if (!isHostAndPort(head, head.hostStart, head.hostEnd)) {
                return bad("Host is not host[:port]");
            }
        }
        int scheme = TargetFormRule.schemeLength(head);
        if (scheme > 0) {
            RequestRefused refused = absoluteForm(head, host, scheme);
            if (refused != null) {
                return refused;
            }
        }
        if (head.hostStart < 0 || head.hostStart == head.hostEnd) {
            return bad("no Host");
        }
        return null;
    }

    private static RequestRefused absoluteForm(RequestHead head, int hostField, int scheme) {
        int authorityStart = head.targetStart + scheme;
        int authorityEnd = authorityStart;
        while (authorityEnd < head.targetEnd && head.byteAt(authorityEnd) != '/' && head.byteAt(authorityEnd) != '?') {
            authorityEnd++;
        }
        if (!isHostAndPort(head, authorityStart, authorityEnd)) {
            return bad("the target's authority is not host[:port]");
        }
        if (hostField < 0 && !head.isHttp11()) {
            head.hostStart = authorityStart;
            head.hostEnd = authorityEnd;
            head.added.add("Host", head.text(authorityStart, authorityEnd));
        }
        if (head.hostStart >= 0) {
            boolean https = scheme == "https://".length();
            String host = head.text(head.hostStart, head.hostEnd);
            String authority = head.text(authorityStart, authorityEnd);
            if (!sameAuthority(https, host, authority)) {
                return bad("Host disagrees with the target's authority");
            }
        }
        head.originStart = authorityEnd;
        head.originNeedsSlash = authorityEnd == head.targetEnd || head.byteAt(authorityEnd) == '?';
        return null;
    }

    /** True for RFC 9110 {@code uri-host [ ":" port ]} with a non-empty host, read in place. */
    static boolean isHostAndPort(RequestHead head, int start, int end) {
        if (start == end) {
            return false;
        }
        int i = start;
        if (head.byteAt(i) == '[') {
            i++;
            while (i < end && isIpLiteralChar(head.byteAt(i))) {
                i++;
            }
            if (i == start + 1 || i == end || head.byteAt(i) != ']') {
                return false;
            }
            i++;
        } else {
            while (i < end && isRegNameChar(head.byteAt(i))) {
                i++;
            }
            if (i == start) {
                return false;
            }
        }
        if (i == end) {
            return true;
        }
        if (head.byteAt(i) != ':' || end - i - 1 > 5) {
            return false;
        }
        int port = 0;
        for (int k = i + 1; k < end; k++) {
            byte b = head.byteAt(k);
            if (b < '0' || b > '9') {
                return false;
            }
            port = port * 10 + (b - '0');
        }
        return port <= 65535;
    }

    private static boolean isRegNameChar(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || "-._~!$&'()*+,;=%".indexOf(b) >= 0;
    }

    private static boolean isIpLiteralChar(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'f' || b >= 'A' && b <= 'F' || b == ':' || b == '.';
    }

    private static boolean sameAuthority(boolean https, String host, String authority) {
        String a = HostName.normalizeHostHeader(host);
        String b = HostName.normalizeHostHeader(authority);
        return a != null && a.equals(b) && port(https, host) == port(https, authority);
    }

    private static int port(boolean https, String hostAndPort) {
        int close = hostAndPort.lastIndexOf(']');
        int colon = hostAndPort.indexOf(':', Math.max(close, 0));
        if (colon < 0 || colon == hostAndPort.length() - 1) {
            return https ? 443 : 80;
        }
        return Integer.parseInt(hostAndPort.substring(colon + 1));
    }

    private static RequestRefused bad(String reason) {
        return new RequestRefused(ProxyError.BAD_REQUEST, reason);
    }
}
