package dev.ferry.router;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket transport of the data plane: Linux epoll when Netty's native library loads, NIO otherwise.
 * One instance is shared by the HTTP proxy, the TCP relays and the health checkers so that a backend
 * connection is served by the same event loop as its client.
 */
public record Transport(boolean nativeEpoll) {

    /** Epoll when available, else NIO. */
    public static Transport detect() {
        return new Transport(Epoll.isAvailable());
    }

    /**
     * A group of {@code threads} event loops; 0 means one per core the JVM may use
     * ({@link Runtime#availableProcessors()}, which honours CPU affinity and container limits), not Netty's
     * default of twice that: a request's client and backend connections share one loop, so more loops than cores
     * only add context switches.
     */
    public EventLoopGroup newGroup(int threads, String name) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be 0 (one per core) or more");
        }
        IoHandlerFactory factory = nativeEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads == 0 ? defaultThreads() : threads,
                new DefaultThreadFactory(name, true), factory);
    }

    /** The event loops a group gets when the caller leaves it to the transport: one per usable core. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public Class<? extends ServerChannel> serverChannel() {
        return nativeEpoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends Channel> clientChannel() {
        return nativeEpoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public String describe() {
        return nativeEpoll ? "epoll" : "nio";
    }
}
