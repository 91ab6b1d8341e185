package dev.ferry.core.log;

import java.net.URI;

/**
 * Decides whether a log drain may send to the host of its URL, asked when a drain is added (the control API
 * answers 422 with the message) and again by the sender at every connection, so that a name resolving to a
 * loopback, private or platform address later (DNS rebinding) is refused too. The runtime's implementation
 * resolves the host and refuses loopback, private, link-local, unspecified, multicast and the platform's own
 * addresses unless an admin allowed the host and port.
 */
@FunctionalInterface
public interface DrainTargetCheck {

    /** Accepts every target: for tests of the API alone and platforms that send no drains. */
    DrainTargetCheck ANY = url -> { };

    /**
     * @param url a drain URL as {@link dev.ferry.core.store.Drain#checkUrl} normalised it
     * @throws IllegalArgumentException with a sentence for people when the drain may not send there
     */
    void check(URI url);
}
