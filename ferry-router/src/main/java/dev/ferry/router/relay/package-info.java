/** Raw byte relays between two channels with backpressure and half-close: {@link dev.ferry.router.relay.ByteRelayHandler}. */
package dev.ferry.router.relay;
