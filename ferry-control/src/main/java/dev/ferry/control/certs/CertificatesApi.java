package dev.ferry.control.certs;

import dev.ferry.control.ControlApi;
import dev.ferry.control.apps.AppAccess;
import dev.ferry.control.auth.Caller;
import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.control.json.RequestBody;
import dev.ferry.core.api.AutoCertificatesRequest;
import dev.ferry.core.api.CertificateRequest;
import dev.ferry.core.api.HttpsSettingsInfo;
import dev.ferry.core.store.AccountStore;
import dev.ferry.core.store.AcmeHostStatus;
import dev.ferry.core.store.AcmeStore;
import dev.ferry.core.store.App;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateStore;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.core.store.Store;
import dev.ferry.core.tls.CertificateCheck;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;

/**
 * An app's TLS certificates and HTTPS settings, with the access rules of the other app APIs:
 * <ul>
 *   <li>{@code GET /api/apps/{app}/certs}: the certificates, without keys, with their source ({@code user} or
 *   {@code acme}) and an ACME certificate's status ({@code ferry certs}).</li>
 *   <li>{@code GET /api/apps/{app}/acme}: the ACME outcome of each of the app's hosts ordered so far: valid,
 *   failing with the CA's reason and the next try, or waiting for its DNS to point at Ferry.</li>
 *   <li>{@code GET /api/apps/{app}/certs/auto}: whether certificates over ACME are on for the app and where each of
 *   its hosts stands ({@code ferry certs:auto}); {@code PUT} with {@code {"enabled": true|false}} turns them on or
 *   off ({@code certs:auto:enable}, {@code certs:auto:disable}): off, nothing is ordered for the app and its ACME
 *   certificates serve until they expire; users' certificates are never touched.</li>
 *   <li>{@code POST /api/apps/{app}/certs {"certificate", "privateKey", "name"?}} (201): checked by
 *   {@link CertificateCheck} (chain order, key match, validity) and refused unless its names cover one of the app's
 *   hosts (its default host or a custom domain); each refusal is 422 {@code invalid_certificate} and stores
 *   nothing. The same name replaces the certificate ({@code ferry certs:add}). The key is never answered.</li>
 *   <li>{@code DELETE /api/apps/{app}/certs/{name}} (204; 404 {@code certificate_not_found}).</li>
 *   <li>{@code GET /api/apps/{app}/https}, {@code PATCH /api/apps/{app}/https {"forceHttps", "hstsMaxAge",
 *   "hstsIncludeSubdomains"}}: the redirect to HTTPS and the HSTS header ({@code ferry https:force},
 *   {@code ferry https:hsts}).</li>
 * </ul>
 * With them, the platform's own certificates for admins ({@link PlatformCertificatesApi}, {@code GET
 * /api/certs/platform}). Routers learn each change from the {@link CertificateStore}'s change listeners, without a restart.
 */
public final class CertificatesApi implements ControlApi {

    private final AppStore apps;
    private final CertificateStore certificates;
    private final AcmeStore acme;
    private final AppHostNames hostNames;
    private final AppAccess access;
    private final Clock clock;
    private final AutoCertificateStatuses auto;
    private final PlatformCertificatesApi platform;

    /** The API over {@code store}; {@code acmeIssuerRunning} when the platform runs an ACME issuer. */
    public static CertificatesApi over(Store store, AppHostNames hostNames, boolean acmeIssuerRunning) {
        return new CertificatesApi(store, store, store.certificates(), store.acme(), hostNames, Clock.systemUTC(),
                acmeIssuerRunning);
    }

    /**
     * @param clock             tells whether an uploaded certificate is valid now
     * @param acmeIssuerRunning whether the platform runs an ACME issuer, which {@code certs:auto} says
     */
    public CertificatesApi(AccountStore accounts, AppStore apps, CertificateStore certificates, AcmeStore acme,
                           AppHostNames hostNames, Clock clock, boolean acmeIssuerRunning) {
        this.apps = Objects.requireNonNull(apps, "apps");
        this.certificates = Objects.requireNonNull(certificates, "certificates");
        this.acme = Objects.requireNonNull(acme, "acme");
        this.hostNames = Objects.requireNonNull(hostNames, "hostNames");
        this.access = new AppAccess(accounts, apps);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auto = new AutoCertificateStatuses(apps, certificates, acme, hostNames, acmeIssuerRunning);
        this.platform = new PlatformCertificatesApi(acme, clock);
    }

    @Override
    public void register(RoutesConfig r) {
        r.get("/api/apps/{app}/certs", this::list);
        r.get("/api/apps/{app}/acme", this::acmeStatuses);
        r.get("/api/apps/{app}/certs/auto", this::autoStatus);
        r.put("/api/apps/{app}/certs/auto", this::autoSwitch);
        r.post("/api/apps/{app}/certs", this::add);
        r.delete("/api/apps/{app}/certs/{name}", this::remove);
        r.get("/api/apps/{app}/https", this::settings);
        r.patch("/api/apps/{app}/https", this::changeSettings);
        platform.register(r);
    }

    private void list(Context ctx) {
        App app = access.require(ctx);
        Map<String, AcmeHostStatus> byHost = new HashMap<>();
        acme.statuses(app.name()).forEach(s -> byHost.put(s.host(), s));
        Json.ok(ctx, certificates.certificates(app.name()).stream()
                .map(c -> CertificateJson.of(c, Optional.ofNullable(byHost.get(c.name())))).toList());
    }

    private void acmeStatuses(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, acme.statuses(app.name()).stream().map(CertificateJson::of).toList());
    }

    private void autoStatus(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, auto.of(app.name()));
    }

    private void autoSwitch(Context ctx) {
        App app = access.require(ctx);
        AutoCertificatesRequest body = RequestBody.parse(ctx.body(), AutoCertificatesRequest.class);
        acme.setAutoCertificates(app.name(), RequestBody.required(body.enabled(), "enabled"), Caller.of(ctx).id());
        Json.ok(ctx, auto.of(app.name()));
    }

    private void add(Context ctx) {
        App app = access.require(ctx);
        CertificateRequest body = RequestBody.parse(ctx.body(), CertificateRequest.class);
        String certificate = RequestBody.required(body.certificate(), "certificate");
        String privateKey = RequestBody.required(body.privateKey(), "privateKey");
        Certificate checked;
        try {
            checked = CertificateCheck.check(app.name(), body.name(), certificate, privateKey, clock.instant());
        } catch (IllegalArgumentException e) {
            throw new InvalidCertificate(e.getMessage());
        }
        List<String> hosts = hostNames.of(app.name(), apps.domains(app.name()));
        if (hosts.stream().noneMatch(checked::covers)) {
            throw new InvalidCertificate("The certificate covers " + String.join(", ", checked.hostNames())
                    + " but none of the app's hosts (" + String.join(", ", hosts) + "). Add the domain first with"
                    + " ferry domains:add HOST -a " + app.name() + ".");
        }
        Certificate stored = certificates.putCertificate(checked, privateKey, Caller.of(ctx).id());
        ctx.header("Location", "/api/apps/" + app.name() + "/certs/" + stored.name());
        Json.answer(ctx, 201, CertificateJson.of(stored));
    }

    private void remove(Context ctx) {
        App app = access.require(ctx);
        certificates.removeCertificate(app.name(), ctx.pathParam("name"), Caller.of(ctx).id());
        ctx.status(204);
    }

    private void settings(Context ctx) {
        App app = access.require(ctx);
        Json.ok(ctx, CertificateJson.of(certificates.httpsSettings(app.name())));
    }

    private void changeSettings(Context ctx) {
        App app = access.require(ctx);
        HttpsSettingsInfo body = RequestBody.parse(ctx.body(), HttpsSettingsInfo.class);
        HttpsSettings now = certificates.httpsSettings(app.name());
        HttpsSettings wanted;
        try {
            wanted = new HttpsSettings(body.forceHttps() == null ? now.forceHttps() : body.forceHttps(),
                    body.hstsMaxAge() == null ? now.hstsMaxAgeSeconds() : body.hstsMaxAge(),
                    body.hstsIncludeSubdomains() == null ? now.hstsIncludeSubdomains() : body.hstsIncludeSubdomains());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        if (!wanted.equals(now)) {
            certificates.setHttpsSettings(app.name(), wanted, Caller.of(ctx).id());
        }
        Json.ok(ctx, CertificateJson.of(wanted));
    }
}
