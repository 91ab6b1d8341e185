package dev.ferry.router.tcp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Blocking test backends on ephemeral loopback ports: an echo server and a sink that reads on demand. */
final class Backends {

    private Backends() {
    }

    /** A port nothing listens on (bound then released). */
    /** Accepts connections on a daemon thread and serves each on its own daemon thread. */
    abstract static class Server implements AutoCloseable {
        final ServerSocket socket;
        final AtomicInteger accepted = new AtomicInteger();

        Server() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().name("test-backend-accept").start(() -> {
                while (!socket.isClosed()) {
                    try {
                        Socket s = socket.accept();
                        accepted.incrementAndGet();
                        Thread.ofPlatform().daemon().name("test-backend-conn").start(() -> {
                            try (s) {
                                serve(s);
                            } catch (IOException ignored) {
                                // the peer went away
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        abstract void serve(Socket s) throws IOException;

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Writes back what it reads; on end of input, shuts its output (passing the half-close back). */
    static final class Echo extends Server {
        Echo() throws IOException {
            super();
        }

        @Override
        void serve(Socket s) throws IOException {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
            s.shutdownOutput();
        }
    }

    /** Counts the bytes it reads, but reads nothing until {@link #open} is called. */
    static final class GatedSink extends Server {
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicLong received = new AtomicLong();

        GatedSink() throws IOException {
            super();
        }

        void open() {
            gate.countDown();
        }

        @Override
        void serve(Socket s) throws IOException {
            try {
                gate.await();
            } catch (InterruptedException e) {
                return;
            }
            InputStream in = s.getInputStream();
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                received.addAndGet(n);
            }
        }
    }
}
