package dev.ferry.router.handler;

import dev.ferry.router.error.ProxyError;
import dev.ferry.router.error.RequestRefused;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Client side, right after the codec: refuses request heads whose framing or syntax two HTTP parsers could
 * read differently (request smuggling, RFC 9112 §6.3 and §11.2), with 400 {@code bad_request} and a closed
 * connection; {@code CONNECT} and {@code TRACE} get 405 {@code method_not_allowed}.
 *
 * <p>Netty 4.2's decoder already refuses most of these shapes itself (Content-Length with Transfer-Encoding,
 * duplicate or non-numeric Content-Length, a last coding other than chunked, Transfer-Encoding on HTTP/1.0,
 * CR/LF/NUL in fields, whitespace before the colon, bad method characters, malformed chunk-size lines); the
 * checks are repeated here so that the router's guarantees do not depend on its version. What Netty accepts
 * and this guard refuses: transfer codings other than a single {@code chunked} (e.g. {@code gzip, chunked},
 * which the router could not forward faithfully since it re-frames bodies), control, space, non-ASCII and
 * {@code " < > \ #} characters in the request target, and targets in neither origin, absolute nor asterisk
 * form. Obsolete line folding, which Netty silently joins, is caught by {@link ClientHttpCodec}.
 */
public final class RequestSmugglingGuard extends RequestHeadCheck {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("[0-9]{1,18}");
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("(?i)https?://[^/?]*([/?].*)?");

    @Override
    RequestRefused check(HttpRequest request) {
        String method = request.method().name();
        if (!isToken(method)) {
            return bad("invalid method");
        }
        if (method.equals(HttpMethod.CONNECT.name()) || method.equals(HttpMethod.TRACE.name())) {
            return new RequestRefused(ProxyError.METHOD_NOT_ALLOWED, method + " is not served");
        }
        String target = targetProblem(request.uri(), request.method());
        if (target != null) {
            return bad(target);
        }
        HttpHeaders headers = request.headers();
        for (Map.Entry<CharSequence, CharSequence> h : (Iterable<Map.Entry<CharSequence, CharSequence>>) headers::iteratorCharSequence) {
            if (!isToken(h.getKey())) {
                return bad("invalid header name");
            }
            if (!isFieldValue(h.getValue())) {
                return bad("invalid character in header " + h.getKey());
            }
        }
        return framingProblem(request);
    }

    private static RequestRefused framingProblem(HttpRequest request) {
        HttpHeaders headers = request.headers();
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        List<String> encodings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (lengths.size() > 1) {
            return bad("several Content-Length fields");
        }
        if (lengths.size() == 1 && !CONTENT_LENGTH.matcher(lengths.get(0)).matches()) {
            return bad("Content-Length is not a decimal length");
        }
        if (encodings.isEmpty()) {
            return null;
        }
        if (!lengths.isEmpty()) {
            return bad("both Content-Length and Transfer-Encoding");
        }
        if (!request.protocolVersion().equals(HttpVersion.HTTP_1_1)) {
            return bad("Transfer-Encoding on " + request.protocolVersion());
        }
        if (encodings.size() != 1 || !encodings.get(0).trim().toLowerCase(Locale.ROOT).equals("chunked")) {
            return bad("Transfer-Encoding other than a single chunked");
        }
        return null;
    }

    /** Why the target is not an origin, absolute ({@code http}/{@code https}) or asterisk form target, or null. */
    private static String targetProblem(String uri, HttpMethod method) {
        if (uri.isEmpty()) {
            return "empty request target";
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c >= 0x7f || "\"<>\\#".indexOf(c) >= 0) {
                return "invalid character in the request target";
            }
        }
        if (uri.charAt(0) == '/' || ABSOLUTE_FORM.matcher(uri).matches()) {
            return null;
        }
        if (uri.equals("*") && method.equals(HttpMethod.OPTIONS)) {
            return null;
        }
        return "request target in no accepted form";
    }

    /** RFC 9110 {@code field-value}: visible characters, spaces, tabs and obs-text; no CR, LF, NUL or other controls. */
    private static boolean isFieldValue(CharSequence v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }

    private static RequestRefused bad(String reason) {
        return new RequestRefused(ProxyError.BAD_REQUEST, reason);
    }
}
