/**
 * The shared test helpers of Ferry's modules (test scope only): {@link dev.ferry.testing.MutableClock},
 * {@link dev.ferry.testing.MemoryAppLogs}, {@link dev.ferry.testing.MemoryRouteRegistry},
 * {@link dev.ferry.testing.HttpOrigin}, {@link dev.ferry.testing.WebSocketEchoServer},
 * {@link dev.ferry.testing.GrpcEcho} (a gRPC service with a text marshaller, for h2c and h2 backends),
 * {@link dev.ferry.testing.CommandRunner} for picocli command lines, {@link dev.ferry.testing.PebbleCa} (Let's Encrypt's
 * test CA with its challenge DNS server, as processes), {@link dev.ferry.testing.OcspTestCa} (a CA made with openssl
 * with a real OCSP responder on loopback), and
 * {@link dev.ferry.testing.PlatformExtension}, which starts a platform (or one role of it) with its own data
 * directory before each test and stops it after.
 */
package dev.ferry.testing;
