package dev.ferry.server.logs;

import dev.ferry.router.log.AccessLogEntry;

/**
 * The text of a router line in Heroku's format:
 * {@code at=info method=GET path="/" host=hello.localhost request_id=… dyno=127.0.0.1:5000 service=5ms status=200 bytes=123 protocol=http}.
 * {@code dyno} is the endpoint that answered (the router does not know instance names). An answer the router
 * made itself (no backend answered, and the status is 400 or more) is {@code at=error} with Ferry's error code
 * ({@code code=no_healthy_instance desc="…"}) in place of Heroku's H codes. {@code fwd} and {@code connect}
 * are left out: the router's access-log entry carries neither the client address nor the connect time.
 */
public final class RouterLogLine {

    private RouterLogLine() {
    }

    public static String of(AccessLogEntry e) {
        StringBuilder line = new StringBuilder(200);
        boolean routerAnswered = e.backendMs() < 0 && e.status() >= 400 && e.status() != 499;
        if (routerAnswered) {
            String[] code = errorCode(e);
            line.append("at=error code=").append(code[0]).append(" desc=\"").append(code[1]).append("\" ");
        } else {
            line.append("at=info ");
        }
        line.append("method=").append(e.method())
                .append(" path=\"").append(quoted(e.path())).append('"')
                .append(" host=").append(e.host())
                .append(" request_id=").append(e.requestId())
                .append(" dyno=").append(e.endpoint())
                .append(" service=").append(Math.max(0, e.backendMs() >= 0 ? e.backendMs() : e.totalMs())).append("ms")
                .append(" status=").append(e.status())
                .append(" bytes=").append(e.bytesOut())
                .append(" protocol=http");
        return line.toString();
    }

    /** Ferry's router error codes (DESIGN §3) by status, as the entry does not carry the code itself. */
    private static String[] errorCode(AccessLogEntry e) {
        return switch (e.status()) {
            case 503 -> new String[] {"no_healthy_instance", "No healthy instance"};
            case 502 -> new String[] {"backend_refused", "The instance refused or reset the connection"};
            case 504 -> new String[] {"backend_timeout", "The instance did not answer in time"};
            case 408 -> new String[] {"request_timeout", "The client did not send its request in time"};
            case 413 -> new String[] {"request_too_large", "Request body too large"};
            case 414 -> new String[] {"uri_too_long", "Request target too long"};
            case 431 -> new String[] {"headers_too_large", "Request headers too large"};
            case 404 -> new String[] {"no_such_app", "No such app"};
            default -> new String[] {"bad_request", "Bad request"};
        };
    }

    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
