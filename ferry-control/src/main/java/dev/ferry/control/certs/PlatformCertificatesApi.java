package dev.ferry.control.certs;

import dev.ferry.control.ControlApi;
import dev.ferry.control.json.Json;
import dev.ferry.core.api.PlatformCertificateInfo;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.PlatformCertificate;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code GET /api/certs/platform}, admins only (403 for others): the platform's own certificates, owned by no app (the
 * wildcard {@code *.<domain>} the ACME issuer keeps in the store), with name, expiry, status and last failure, never a
 * key ({@code ferry certs --platform}). An empty list when no wildcard was ever ordered.
 */
public final class PlatformCertificatesApi implements ControlApi {

    private final AcmeStore acme;
    private final Clock clock;

    /** @param clock tells {@code serving} from {@code missing} (expired) */
    public PlatformCertificatesApi(AcmeStore acme, Clock clock) {
        this.acme = Objects.requireNonNull(acme, "acme");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/certs/platform", Json.adminList(this::list));
    }

    private List<PlatformCertificateInfo> list() {
        Instant now = clock.instant();
        return acme.platformCertificates().stream().map(p -> info(p, now)).toList();
    }

    static PlatformCertificateInfo info(PlatformCertificate p, Instant now) {
        Optional<Certificate> c = p.certificate();
        return new PlatformCertificateInfo(p.name(), c.map(Certificate::hostNames).orElse(null),
                c.map(Certificate::issuer).orElse(null), c.map(x -> x.notBefore().toString()).orElse(null),
                c.map(x -> x.notAfter().toString()).orElse(null), c.map(Certificate::fingerprint).orElse(null),
                p.status(now).code(), p.failures(), p.lastFailure().orElse(null),
                p.lastFailureAt().map(Instant::toString).orElse(null));
    }
}
