/**
 * The tunnel wire protocol shared by gateway and agent: {@link dev.ferry.tunnel.protocol.Hello} (the one-line
 * handshake after TLS), {@link dev.ferry.tunnel.protocol.TunnelHttp2} (HTTP/2 with reversed roles),
 * {@link dev.ferry.tunnel.protocol.StreamRelay} (one stream to one TCP connection, flow-controlled) and
 * {@link dev.ferry.tunnel.protocol.Fingerprints} (certificate pinning).
 */
package dev.ferry.tunnel.protocol;
