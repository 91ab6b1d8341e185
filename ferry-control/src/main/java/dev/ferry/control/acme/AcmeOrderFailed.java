package dev.ferry.control.acme;

/** An ACME order for a host did not give a certificate; the message says why in the CA's words where it gave any. */
final class AcmeOrderFailed extends Exception {

    AcmeOrderFailed(String message) {
        super(message);
    }
}
