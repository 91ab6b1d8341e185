package dev.ferry.control.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.core.store.AppNotFound;
import dev.ferry.core.store.CollaboratorNotFound;
import dev.ferry.core.store.DomainNotFound;
import dev.ferry.core.store.DrainNotFound;
import dev.ferry.core.store.KeyNotFound;
import dev.ferry.core.store.LimitExceeded;
import dev.ferry.core.store.ReleaseNotFound;
import dev.ferry.core.store.CertificateNotFound;
import dev.ferry.core.store.StoreException;
import dev.ferry.core.store.StoreUnavailable;
import dev.ferry.core.store.TokenNotFound;
import dev.ferry.core.store.UnknownProcessType;
import dev.ferry.core.store.UserNotFound;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where exceptions become HTTP answers: every error body is
 * {@code {"error": "<human sentence>", "code": "<stable_code>"}}. Named {@link ApiException}s keep their
 * status and code ({@link TooManyAuthFailures} with its {@code Retry-After}); the store's {@link StoreException}s keep their code with the status of {@link #statusOf}
 * (503 for {@link StoreUnavailable}, without details; 503 with its sentence for a route registry that is down); Javalin's own 404 (no such endpoint) and 405 become {@code not_found} and
 * {@code method_not_allowed}; anything unexpected is logged and answered 500 {@code internal_error}
 * without its details.
 */
public final class ApiErrorMapper {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorMapper.class);

    private final ObjectMapper json = new ObjectMapper();

    /** Registered with Javalin as the handler of {@link Exception}. */
    public void handle(Exception exception, Context ctx) {
        switch (exception) {
            case Unauthorized e -> {
                ctx.header("WWW-Authenticate", "Bearer");
                write(ctx, e.status(), e.code(), e.getMessage());
            }
            case TooManyAuthFailures e -> {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                write(ctx, e.status(), e.code(), e.getMessage());
            }
            case ApiException e -> write(ctx, e.status(), e.code(), e.getMessage());
            case StoreUnavailable e -> {
                log.error("the store failed answering {} {}", ctx.method().name(), ctx.path(), e);
                write(ctx, 503, e.code(), "the platform's store is unavailable; see the server log");
            }
            case StoreException e -> write(ctx, statusOf(e), e.code(), e.getMessage());
            case HttpResponseException e when e.getStatus() == 404 ->
                    write(ctx, 404, "not_found", "there is no API endpoint " + ctx.method().name() + " " + ctx.path());
            case HttpResponseException e when e.getStatus() == 405 -> {
                String allowed = e.getDetails().get("availableMethods");
                if (allowed != null) {
                    ctx.header("Allow", allowed);
                }
                write(ctx, 405, "method_not_allowed", "method " + ctx.method().name() + " is not allowed on " + ctx.path()
                        + (allowed == null ? "" : "; use " + allowed));
            }
            case HttpResponseException e when e.getStatus() >= 400 && e.getStatus() < 500 ->
                    write(ctx, e.getStatus(), "bad_request", "the request was refused: " + e.getMessage());
            default -> {
                log.error("unexpected failure answering {} {}", ctx.method().name(), ctx.path(), exception);
                write(ctx, 500, "internal_error", "the control API failed to answer; see the server log");
            }
        }
    }

    /** The status of a store condition: 404 for what does not exist, 422 for what cannot be (or is over a limit), else 409. */
    static int statusOf(StoreException e) {
        return switch (e) {
            case AppNotFound x -> 404;
            case DomainNotFound x -> 404;
            case DrainNotFound x -> 404;
            case ReleaseNotFound x -> 404;
            case TokenNotFound x -> 404;
            case UserNotFound x -> 404;
            case CollaboratorNotFound x -> 404;
            case KeyNotFound x -> 404;
            case CertificateNotFound x -> 404;
            case dev.ferry.core.addons.AddonNotFound x -> 404;
            case dev.ferry.core.addons.AddonServerUnavailable x -> 503;
            case dev.ferry.core.route.RouteRegistryUnavailable x -> 503;
            case UnknownProcessType x -> 422;
            case LimitExceeded x -> 422;
            default -> 409; // taken, exists, already final, cannot roll back, owner not removable
        };
    }

    private void write(Context ctx, int status, String code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("code", code);
        try {
            ctx.status(status).contentType("application/json").result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of two strings always serialises", e);
        }
    }
}
