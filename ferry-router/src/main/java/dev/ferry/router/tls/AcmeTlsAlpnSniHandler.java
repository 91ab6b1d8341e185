package dev.ferry.router.tls;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.Mapping;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;

/**
 * The HTTPS listener's first handler: Netty's {@link SniHandler} (the ClientHello's name picks the server context),
 * except that a ClientHello offering ALPN {@code acme-tls/1} for a host with a TLS-ALPN-01 challenge gets the
 * challenge's context ({@link TlsAlpnChallenges}, RFC 8737). One per connection.
 */
public final class AcmeTlsAlpnSniHandler extends SniHandler {

    private static final byte[] ACME_TLS_1 = TlsAlpnChallenges.ACME_TLS_1.getBytes(StandardCharsets.US_ASCII);
    private static final int ALPN_EXTENSION = 16;

    private final Mapping<String, SslContext> challenges;
    private boolean offersAcmeTls;

    /**
     * @param certificates the server context for each SNI name, the default one for no name
     * @param challenges   the TLS-ALPN-01 challenge context of a host, or null
     */
    public AcmeTlsAlpnSniHandler(Mapping<String, SslContext> certificates, Mapping<String, SslContext> challenges) {
        super(certificates);
        this.challenges = challenges;
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) throws Exception {
        offersAcmeTls = offers(clientHello, ACME_TLS_1);
        return super.lookup(ctx, clientHello);
    }

    @Override
    protected Future<SslContext> lookup(ChannelHandlerContext ctx, String hostname) throws Exception {
        if (offersAcmeTls) {
            SslContext challenge = challenges.map(hostname);
            if (challenge != null) {
                return ctx.executor().newSucceededFuture(challenge);
            }
        }
        return super.lookup(ctx, hostname);
    }

    /**
     * True when the ClientHello body (from its version on, as Netty hands it) has an ALPN extension listing
     * {@code protocol}; false for anything malformed (the TLS engine then refuses it as it would).
     */
    static boolean offers(ByteBuf hello, byte[] protocol) {
        int offset = hello.readerIndex() + 34; // version and random
        int end = hello.writerIndex();
        if (offset + 1 > end) {
            return false;
        }
        offset += 1 + hello.getUnsignedByte(offset); // session id
        if (offset + 2 > end) {
            return false;
        }
        offset += 2 + hello.getUnsignedShort(offset); // cipher suites
        if (offset + 1 > end) {
            return false;
        }
        offset += 1 + hello.getUnsignedByte(offset); // compression methods
        if (offset + 2 > end) {
            return false;
        }
        int extensionsEnd = Math.min(end, offset + 2 + hello.getUnsignedShort(offset));
        offset += 2;
        while (offset + 4 <= extensionsEnd) {
            int type = hello.getUnsignedShort(offset);
            int length = hello.getUnsignedShort(offset + 2);
            offset += 4;
            if (offset + length > extensionsEnd) {
                return false;
            }
            if (type == ALPN_EXTENSION) {
                return listsProtocol(hello, offset, offset + length, protocol);
            }
            offset += length;
        }
        return false;
    }

    private static boolean listsProtocol(ByteBuf hello, int offset, int end, byte[] protocol) {
        if (offset + 2 > end) {
            return false;
        }
        int listEnd = Math.min(end, offset + 2 + hello.getUnsignedShort(offset));
        offset += 2;
        while (offset < listEnd) {
            int length = hello.getUnsignedByte(offset);
            offset += 1;
            if (offset + length > listEnd) {
                return false;
            }
            if (length == protocol.length) {
                boolean same = true;
                for (int i = 0; i < length && same; i++) {
                    same = hello.getByte(offset + i) == protocol[i];
                }
                if (same) {
                    return true;
                }
            }
            offset += length;
        }
        return false;
    }
}
