package dev.ferry.router.tls;

import io.netty.handler.ssl.DelegatingSslContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslContext;
import javax.net.ssl.SSLEngine;

/**
 * A certificate's server context that staples its OCSP response: each new engine (one per connection, made when the
 * SNI handler picked this context, before the ServerHello) is given the response the {@link OcspStapler} holds at that
 * moment, if any. Only OpenSSL engines of a context built with OCSP enabled can take one ({@link TlsEngine#staples()}).
 */
final class StaplingSslContext extends DelegatingSslContext {

    private final OcspStapler stapler;
    private final String fingerprint;

    StaplingSslContext(SslContext context, OcspStapler stapler, String fingerprint) {
        super(context);
        this.stapler = stapler;
        this.fingerprint = fingerprint;
    }

    @Override
    protected void initEngine(SSLEngine engine) {
        byte[] response = stapler.staple(fingerprint);
        if (response != null && engine instanceof ReferenceCountedOpenSslEngine openSsl) {
            openSsl.setOcspResponse(response);
        }
    }
}
