package dev.ferry.core.dns;

/** A {@link DnsProvider} could not change or read a record; the message is a sentence a person can act on. */
public final class DnsUpdateFailed extends Exception {

    public DnsUpdateFailed(String message) {
        super(message);
    }

    public DnsUpdateFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
