package dev.ferry.testing;

import io.grpc.CallOptions;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC service {@code ferry.Echo} that the h2c and h2 backend tests put behind a route, with plain UTF-8 text as
 * messages (no protobuf): {@link #HELLO} answers {@code "hello " + name}, {@link #COUNT} streams {@code "item 1"} to
 * {@code "item N"}, {@link #MISSING} fails with NOT_FOUND {@code "no " + name}. A test starts it on the grpc-java
 * server of its choice ({@code NettyServerBuilder...addService(GrpcEcho.service())}) so it can add interceptors or
 * transport filters; grpc-java is an optional dependency of ferry-testing, which a module using this class brings.
 */
public final class GrpcEcho {

    /** The service's name in every method's full name. */
    public static final String SERVICE = "ferry.Echo";

    /** A message is its text, in UTF-8. */
    public static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream in) {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    public static final MethodDescriptor<String, String> HELLO = method("Hello", MethodDescriptor.MethodType.UNARY);
    public static final MethodDescriptor<String, String> COUNT =
            method("Count", MethodDescriptor.MethodType.SERVER_STREAMING);
    public static final MethodDescriptor<String, String> MISSING = method("Missing", MethodDescriptor.MethodType.UNARY);

    private GrpcEcho() {
    }

    /** A method of {@code ferry.Echo} with text messages, for a test that defines its own handler for it. */
    public static MethodDescriptor<String, String> method(String name, MethodDescriptor.MethodType type) {
        return MethodDescriptor.<String, String>newBuilder().setType(type)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
                .setRequestMarshaller(TEXT).setResponseMarshaller(TEXT).build();
    }

    /** Hello, Count and Missing, ready to add to a grpc-java server. */
    public static ServerServiceDefinition service() {
        return ServerServiceDefinition.builder(SERVICE)
                .addMethod(HELLO, ServerCalls.asyncUnaryCall((name, reply) -> {
                    reply.onNext("hello " + name);
                    reply.onCompleted();
                }))
                .addMethod(COUNT, ServerCalls.asyncServerStreamingCall((n, reply) -> {
                    for (int i = 1; i <= Integer.parseInt(n); i++) {
                        reply.onNext("item " + i);
                    }
                    reply.onCompleted();
                }))
                .addMethod(MISSING, ServerCalls.asyncUnaryCall((name, reply) ->
                        reply.onError(Status.NOT_FOUND.withDescription("no " + name).asRuntimeException())))
                .build();
    }

    /** Call options with a 20-second deadline, so a lost call fails the test instead of hanging it. */
    public static CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS);
    }
}
