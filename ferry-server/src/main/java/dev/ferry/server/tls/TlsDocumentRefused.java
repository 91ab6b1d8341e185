package dev.ferry.server.tls;

/** A published {@link TlsDocument} a router does not serve, with why; the router keeps what it served before. */
public final class TlsDocumentRefused extends RuntimeException {

    public TlsDocumentRefused(String why) {
        super(why);
    }
}
