package dev.ferry.router.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The ClientHello reading of {@link AcmeTlsAlpnSniHandler}: the ALPN list, and no exception on anything malformed. */
class AcmeTlsAlpnSniHandlerTest {

    private static final byte[] ACME = "acme-tls/1".getBytes(StandardCharsets.US_ASCII);

    /** A ClientHello body (from its version on) with one ALPN extension listing {@code protocols}. */
    private static ByteBuf hello(String... protocols) {
        ByteBuf alpn = Unpooled.buffer();
        for (String p : protocols) {
            alpn.writeByte(p.length()).writeBytes(p.getBytes(StandardCharsets.US_ASCII));
        }
        ByteBuf b = Unpooled.buffer();
        b.writeShort(0x0303).writeZero(32);              // version, random
        b.writeByte(0);                                   // no session id
        b.writeShort(2).writeShort(0x1301);               // one cipher suite
        b.writeByte(1).writeByte(0);                      // null compression
        ByteBuf ext = Unpooled.buffer();
        ext.writeShort(0).writeShort(0);                  // an empty server_name extension first
        ext.writeShort(16).writeShort(alpn.readableBytes() + 2).writeShort(alpn.readableBytes()).writeBytes(alpn);
        b.writeShort(ext.readableBytes()).writeBytes(ext);
        return b;
    }

    @Test
    void findsAcmeTls1AmongTheOfferedProtocolsOnly() {
        assertThat(AcmeTlsAlpnSniHandler.offers(hello("acme-tls/1"), ACME)).isTrue();
        assertThat(AcmeTlsAlpnSniHandler.offers(hello("h2", "acme-tls/1"), ACME)).isTrue();
        assertThat(AcmeTlsAlpnSniHandler.offers(hello("h2", "http/1.1"), ACME)).isFalse();
        assertThat(AcmeTlsAlpnSniHandler.offers(hello("acme-tls/2"), ACME)).isFalse();
        assertThat(AcmeTlsAlpnSniHandler.offers(hello(), ACME)).isFalse();
    }

    @Test
    void aTruncatedOrGarbledHelloIsNotAnOfferAndThrowsNothing() {
        ByteBuf whole = hello("acme-tls/1");
        for (int length = 0; length < whole.readableBytes(); length++) {
            assertThat(AcmeTlsAlpnSniHandler.offers(whole.copy(0, length), ACME)).as("first %d bytes", length).isFalse();
        }
        ByteBuf lying = hello("acme-tls/1");
        lying.setByte(lying.writerIndex() - 11, 200); // a protocol length past the end of its list
        assertThat(AcmeTlsAlpnSniHandler.offers(lying, ACME)).isFalse();
        assertThat(AcmeTlsAlpnSniHandler.offers(Unpooled.wrappedBuffer(new byte[300]), ACME)).isFalse();
    }
}
