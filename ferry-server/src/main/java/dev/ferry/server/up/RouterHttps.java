package dev.ferry.server.up;

import dev.ferry.server.config.FerryConfig;
import dev.ferry.server.tls.RouterCertificateKey;
import java.io.PrintWriter;

/**
 * Whether {@code ferry router} serves HTTPS: only with the fleet's secret key ({@code --secret-key-file} or
 * {@code FERRY_SECRET_KEY}), which opens the certificates control nodes publish. Without one, HTTPS is off with one
 * line saying how to turn it on, and an HTTPS port asked for explicitly is refused; a key file that is missing or does
 * not hold a key is refused too.
 */
final class RouterHttps {

    private RouterHttps() {
    }

    /**
     * {@code config}, with HTTPS off when there is no key.
     *
     * @param portGiven whether {@code --https-port} or {@code FERRY_HTTPS_PORT} was given
     * @throws IllegalArgumentException saying why when HTTPS was asked for and cannot be served
     */
    static FerryConfig decide(FerryConfig config, boolean portGiven, PrintWriter out) {
        if (config.httpsPort() == FerryConfig.OFF) {
            return config;
        }
        if (config.store().key().isPresent()) {
            try {
                RouterCertificateKey.of(config.store().key().get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--secret-key-file: " + e.getMessage(), e);
            }
            return config;
        }
        if (portGiven) {
            throw new IllegalArgumentException("--https-port needs the fleet's secret key, which opens the certificates"
                    + " control nodes publish: give the control nodes' key with --secret-key-file PATH or env"
                    + " FERRY_SECRET_KEY, or leave --https-port out");
        }
        out.println("ferry router: HTTPS is off: no secret key to open the fleet's certificates; give the control"
                + " nodes' key with --secret-key-file PATH or env FERRY_SECRET_KEY to serve them");
        out.flush();
        return config.toBuilder().httpsPort(FerryConfig.OFF).build();
    }
}
