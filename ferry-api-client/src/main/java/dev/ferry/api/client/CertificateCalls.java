package dev.ferry.api.client;

import dev.ferry.core.api.AcmeStatusInfo;
import dev.ferry.core.api.AutoCertificatesInfo;
import dev.ferry.core.api.AutoCertificatesRequest;
import dev.ferry.core.api.CertificateInfo;
import dev.ferry.core.api.CertificateRequest;
import dev.ferry.core.api.HttpsSettingsInfo;
import dev.ferry.core.api.PlatformCertificateInfo;
import java.util.Objects;

/** The typed calls about an app's TLS certificates and HTTPS settings, and the platform's own certificates. */
public final class CertificateCalls {

    private final ControlApiClient api;

    public CertificateCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/apps/{app}/certs}, with the JSON as the API sent it (for {@code --json}). */
    public Read<CertificateInfo[]> list(String app) {
        ApiAnswer answer = api.call("GET", AppPath.of(app, "/certs"), null);
        return new Read<>(answer.body(), ApiJson.read(answer.body(), CertificateInfo[].class));
    }

    /** {@code GET /api/certs/platform} (admins): the platform's own certificates, with the JSON as the API sent it. */
    public Read<PlatformCertificateInfo[]> platform() {
        ApiAnswer answer = api.call("GET", "/api/certs/platform", null);
        return new Read<>(answer.body(), ApiJson.read(answer.body(), PlatformCertificateInfo[].class));
    }

    /** {@code GET /api/apps/{app}/acme}: the ACME outcome of each of the app's hosts ordered so far. */
    public AcmeStatusInfo[] acme(String app) {
        return api.call("GET", AppPath.of(app, "/acme"), null, AcmeStatusInfo[].class);
    }

    /** {@code GET /api/apps/{app}/certs/auto}: ACME's switch for the app and each host's state, with the JSON as sent. */
    public Read<AutoCertificatesInfo> auto(String app) {
        ApiAnswer answer = api.call("GET", AppPath.of(app, "/certs/auto"), null);
        return new Read<>(answer.body(), ApiJson.read(answer.body(), AutoCertificatesInfo.class));
    }

    /** {@code PUT /api/apps/{app}/certs/auto}: turns certificates over ACME on or off for the app; answers the result. */
    public AutoCertificatesInfo setAuto(String app, boolean enabled) {
        return api.call("PUT", AppPath.of(app, "/certs/auto"), new AutoCertificatesRequest(enabled),
                AutoCertificatesInfo.class);
    }

    /** {@code POST /api/apps/{app}/certs}; answers the certificate as stored, with the JSON as the API sent it. */
    public Read<CertificateInfo> add(String app, CertificateRequest request) {
        ApiAnswer answer = api.call("POST", AppPath.of(app, "/certs"), request);
        return new Read<>(answer.body(), ApiJson.read(answer.body(), CertificateInfo.class));
    }

    /** {@code DELETE /api/apps/{app}/certs/{name}}. */
    public void remove(String app, String name) {
        api.call("DELETE", AppPath.of(app, "/certs/" + AppPath.segment(name)), null);
    }

    /** {@code PATCH /api/apps/{app}/https}: the components left {@code null} keep their value; answers the result. */
    public HttpsSettingsInfo changeHttps(String app, HttpsSettingsInfo change) {
        return api.call("PATCH", AppPath.of(app, "/https"), change, HttpsSettingsInfo.class);
    }
}
