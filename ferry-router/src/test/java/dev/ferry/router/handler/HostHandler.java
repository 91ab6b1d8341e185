package dev.ferry.router.handler;

import dev.ferry.core.route.HostName;
import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Client side: makes sure each request names one valid host, which is what the proxy routes by. Refused
 * with 400 {@code bad_request}: no {@code Host}, two {@code Host} fields, a {@code Host} that is not
 * {@code host[:port]} (RFC 9110 §7.2: reg-name, IPv4 or bracketed IPv6, port of at most five digits
 * &le; 65535), and an absolute-form target (RFC 9112 §3.2.2, {@code GET http://app.example/path}) whose
 * authority is invalid, has user info, or disagrees with {@code Host}. An absolute-form target is rewritten
 * to origin form ({@code /path}) before it goes on, so backends see what they would from a direct client;
 * an HTTP/1.0 request in absolute form may omit {@code Host}, which is then taken from the target.
 */
public final class HostHandler extends RequestHeadCheck {

    private static final Pattern ABSOLUTE = Pattern.compile("(?i)(https?)://([^/?]*)(.*)");
    private static final Pattern REG_NAME = Pattern.compile("[A-Za-z0-9\\-._~!$&'()*+,;=%]+");
    private static final Pattern IP_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+]");
    private static final Pattern PORT = Pattern.compile("[0-9]{0,5}");

    @Override
    RequestRefused check(HttpRequest request) {
        List<String> hosts = request.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
            return bad("several Host fields");
        }
        String host = hosts.isEmpty() ? null : hosts.get(0).trim();
        if (host != null && !isHostAndPort(host)) {
            return bad("Host is not host[:port]");
        }
        Matcher absolute = ABSOLUTE.matcher(request.uri());
        if (absolute.matches()) {
            String scheme = absolute.group(1).toLowerCase(Locale.ROOT);
            String authority = absolute.group(2);
            if (!isHostAndPort(authority)) {
                return bad("the target's authority is not host[:port]");
            }
            if (host == null && request.protocolVersion().equals(HttpVersion.HTTP_1_0)) {
                host = authority;
                request.headers().set(HttpHeaderNames.HOST, authority);
            }
            if (host != null && !sameAuthority(scheme, host, authority)) {
                return bad("Host disagrees with the target's authority");
            }
            String rest = absolute.group(3);
            request.setUri(rest.isEmpty() ? "/" : rest.startsWith("?") ? "/" + rest : rest);
        }
        if (host == null || host.isEmpty()) {
            return bad("no Host");
        }
        return null;
    }

    /** True for RFC 9110 {@code uri-host [ ":" port ]} with a non-empty host. */
    static boolean isHostAndPort(String value) {
        String hostPart;
        String port;
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            if (close < 0) {
                return false;
            }
            hostPart = value.substring(0, close + 1);
            String rest = value.substring(close + 1);
            if (!rest.isEmpty() && rest.charAt(0) != ':') {
                return false;
            }
            port = rest.isEmpty() ? "" : rest.substring(1);
            if (!IP_LITERAL.matcher(hostPart).matches()) {
                return false;
            }
        } else {
            int colon = value.indexOf(':');
            hostPart = colon < 0 ? value : value.substring(0, colon);
            port = colon < 0 ? "" : value.substring(colon + 1);
            if (!REG_NAME.matcher(hostPart).matches()) {
                return false;
            }
        }
        return PORT.matcher(port).matches() && (port.isEmpty() || Integer.parseInt(port) <= 65535);
    }

    private static boolean sameAuthority(String scheme, String host, String authority) {
        String a = HostName.normalizeHostHeader(host);
        String b = HostName.normalizeHostHeader(authority);
        return a != null && a.equals(b) && port(scheme, host) == port(scheme, authority);
    }

    private static int port(String scheme, String hostAndPort) {
        int close = hostAndPort.lastIndexOf(']');
        int colon = hostAndPort.indexOf(':', Math.max(close, 0));
        if (colon < 0 || colon == hostAndPort.length() - 1) {
            return scheme.equals("https") ? 443 : 80;
        }
        return Integer.parseInt(hostAndPort.substring(colon + 1));
    }

    private static RequestRefused bad(String reason) {
        return new RequestRefused(ProxyError.BAD_REQUEST, reason);
    }
}
