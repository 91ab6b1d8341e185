package dev.ferry.core.access;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per client address across every way in (API bearer tokens, git over HTTP
 * passwords, SSH keys, tunnel agents' tokens) and refuses an address that failed too often, by the
 * {@link AuthFailureLimits}. One instance is shared by all of them, so a guesser cannot multiply its budget by
 * changing protocol. IPv6 clients are counted per {@code /64}, the block one host usually holds; loopback is not
 * exempt. Each failure is reported to the {@link Listener} (the platform logs it with the address, never with the
 * secret, which this class never sees).
 *
 * <p>Thread-safe. Memory: one small entry per address that failed recently; entries of ended windows are swept
 * every {@value #SWEEP_EVERY} failures.
 */
public final class AuthFailureLimiter {

    static final int SWEEP_EVERY = 1_024;

    /** One failure as reported: who, through what, how many in the window, and the refusal it started if any. */
    public record Failure(String client, String what, int failuresInWindow, Optional<Duration> refusedFor) {
    }

    /** Told of every failure. */
    @FunctionalInterface
    public interface Listener {
        void failed(Failure failure);
    }

    private final AuthFailureLimits limits;
    private final Listener listener;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private int sinceSweep;

    /** Guarded by itself. */
    private static final class Window {
        long startMillis;
        int failures;
        long refusedUntilMillis;
    }

    public AuthFailureLimiter(AuthFailureLimits limits, Listener listener) {
        this(limits, listener, Clock.systemUTC());
    }

    AuthFailureLimiter(AuthFailureLimits limits, Listener listener, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A limiter that never refuses and reports nothing, for components used without a platform. */
    public static AuthFailureLimiter unlimited() {
        return new AuthFailureLimiter(new AuthFailureLimits(Integer.MAX_VALUE, Duration.ofSeconds(1)), f -> { });
    }

    public AuthFailureLimits limits() {
        return limits;
    }

    /** How long {@code client} must wait before it may authenticate again, or empty when it may now. */
    public Optional<Duration> refusal(InetAddress client) {
        Window w = windows.get(key(client));
        if (w == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        synchronized (w) {
            long left = w.refusedUntilMillis - now;
            return left > 0 ? Optional.of(Duration.ofMillis(left)) : Optional.empty();
        }
    }

    /** {@link #refusal} for an address given as text (an IP literal); an unparsable one is never refused. */
    public Optional<Duration> refusal(String client) {
        return parse(client).flatMap(this::refusal);
    }

    /**
     * Records a failed authentication from {@code client} through {@code what} (e.g. {@code API token}).
     *
     * @return how long the address is now refused, when this failure reached the limit
     */
    public Optional<Duration> failed(InetAddress client, String what) {
        String key = key(client);
        long now = clock.millis();
        Window w = windows.computeIfAbsent(key, k -> new Window());
        int failures;
        Optional<Duration> refused = Optional.empty();
        synchronized (w) {
            if (now - w.startMillis >= limits.window().toMillis()) {
                w.startMillis = now;
                w.failures = 0;
            }
            failures = ++w.failures;
            if (failures >= limits.maxFailures() && w.refusedUntilMillis <= now) {
                w.refusedUntilMillis = now + limits.window().toMillis();
                refused = Optional.of(limits.window());
            }
        }
        listener.failed(new Failure(client.getHostAddress(), what, failures, refused));
        sweepNowAndThen(now);
        return refused;
    }

    /** {@link #failed(InetAddress, String)} for an address given as text; an unparsable one is counted as itself. */
    public Optional<Duration> failed(String client, String what) {
        return failed(parse(client).orElseGet(InetAddress::getLoopbackAddress), what);
    }

    private void sweepNowAndThen(long now) {
        synchronized (windows) {
            if (++sinceSweep < SWEEP_EVERY) {
                return;
            }
            sinceSweep = 0;
        }
        long window = limits.window().toMillis();
        windows.values().removeIf(w -> {
            synchronized (w) {
                return now - w.startMillis >= window && w.refusedUntilMillis <= now;
            }
        });
    }

    /** IPv4 (also when mapped into IPv6) as itself; other IPv6 addresses by their /64. */
    static String key(InetAddress client) {
        if (client instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            byte[] prefix = new byte[16];
            System.arraycopy(b, 0, prefix, 0, 8);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are always an IPv6 address", e);
            }
        }
        return ((Inet4Address) client).getHostAddress();
    }

    private static Optional<InetAddress> parse(String literal) {
        if (literal == null || literal.isEmpty()
                || !literal.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':' || c == '[' || c == ']')) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal)); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
