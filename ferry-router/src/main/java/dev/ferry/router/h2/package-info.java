/**
 * HTTP/2 to clients: {@link dev.ferry.router.h2.ProtocolDetector} turns a connection whose first bytes are the h2
 * preface (or, on HTTP, an {@code Upgrade: h2c} request) into an HTTP/2 one ({@link
 * dev.ferry.router.h2.Http2Connections}, settings in {@link dev.ferry.router.h2.Http2Config}); on each stream a {@link
 * dev.ferry.router.h2.StreamBridge} lets the HTTP/1.1 reader and proxy serve it unchanged. Toward h2c backends,
 * {@link dev.ferry.router.h2.H2cBackends} gives each exchange a stream on a pooled, multiplexed connection.
 */
package dev.ferry.router.h2;
