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

    /** A group of {@code threads} event loops (0 = Netty's default, twice the cores). */
    public EventLoopGroup newGroup(int threads, String name) {
        IoHandlerFactory factory = nativeEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), factory);
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
