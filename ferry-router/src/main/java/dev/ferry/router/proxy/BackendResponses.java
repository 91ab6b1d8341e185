package dev.ferry.router.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;

/**
 * Which backend response heads the router refuses to relay (then 502 {@code backend_bad_response}): one
 * the client decoder failed on (bad status line, invalid or several Content-Length, Content-Length with
 * Transfer-Encoding, garbage), a status outside 100-599, or a Transfer-Encoding other than a single
 * {@code chunked}, whose body the router could neither delimit nor re-frame faithfully.
 */
final class BackendResponses {

    private BackendResponses() {
    }

    static boolean malformed(HttpResponse response) {
        if (response.decoderResult().isFailure()) {
            return true;
        }
        int status = response.status().code();
        if (status < 100 || status > 599) {
            return true;
        }
        List<String> encodings = response.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        return !encodings.isEmpty() && (encodings.size() > 1 || !encodings.get(0).trim().equalsIgnoreCase("chunked"));
    }
}
