package dev.ferry.runtime.logs.drain;

import java.io.IOException;

/** A drain's host was refused by the {@link DrainAddressPolicy} when the sender was about to connect. */
final class DrainTargetRefused extends IOException {

    DrainTargetRefused(String message) {
        super(message);
    }
}
