package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.DrainTargetCheck;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where log drains may send: the {@link DrainTargetCheck} of the platform. A drain's host is resolved and refused
 * when any of its addresses is loopback, unspecified, private (RFC 1918, 100.64/10, IPv6 unique local), link-local,
 * multicast, reserved or broadcast, or one of this machine's own; IPv4 addresses carried in IPv6 (mapped,
 * compatible, NAT64, 6to4) are judged by the IPv4 address. Admins may allow exact {@code HOST:PORT} pairs
 * ({@code ferry up --drain-allow}), compared with the URL's host as written. Senders connect only to the addresses
 * {@link #addressesFor} returned at connect time, so a name cannot be re-pointed between the check and the
 * connection. Default: nothing allowed beyond public addresses.
 */
public final class DrainAddressPolicy implements DrainTargetCheck {

    /** Resolves a host name to its addresses; {@link InetAddress#getAllByName} outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowed;
    private final Resolver resolver;

    private DrainAddressPolicy(Set<String> allowed, Resolver resolver) {
        this.allowed = Set.copyOf(allowed);
        this.resolver = resolver;
    }

    /** Public addresses only. */
    public static DrainAddressPolicy publicOnly() {
        return new DrainAddressPolicy(Set.of(), InetAddress::getAllByName);
    }

    /**
     * Public addresses, plus each {@code HOST:PORT} of {@code allowed} ({@code [::1]:514} for IPv6).
     *
     * @throws IllegalArgumentException for an entry that is not {@code HOST:PORT}
     */
    public static DrainAddressPolicy allowing(List<String> allowed) {
        return allowing(allowed, InetAddress::getAllByName);
    }

    /** As {@link #allowing(List)}, resolving names with {@code resolver}. */
    public static DrainAddressPolicy allowing(List<String> allowed, Resolver resolver) {
        Set<String> normal = new HashSet<>();
        for (String entry : allowed) {
            normal.add(normalAllowEntry(entry));
        }
        return new DrainAddressPolicy(normal, resolver);
    }

    /** The allowed {@code host:port} pairs, in normal form. */
    public Set<String> allowed() {
        return Collections.unmodifiableSet(allowed);
    }

    @Override
    public void check(URI url) {
        addressesFor(url.getHost(), portOf(url));
    }

    /**
     * The addresses a drain to {@code host:port} may connect to, resolved now.
     *
     * @throws IllegalArgumentException with a sentence for people when the host cannot be resolved or one of its
     *     addresses is refused
     */
    public List<InetAddress> addressesFor(String host, int port) {
        String name = bare(host);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(name);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The drain host '" + name + "' cannot be resolved.");
        }
        if (addresses.length == 0) {
            throw new IllegalArgumentException("The drain host '" + name + "' cannot be resolved.");
        }
        if (allowed.contains(name + ":" + port)) {
            return List.of(addresses);
        }
        Set<InetAddress> own = ownAddresses();
        for (InetAddress a : addresses) {
            Optional<String> why = whyRefused(a)
                    .or(() -> own.contains(a) ? Optional.of("an address of this machine") : Optional.empty());
            if (why.isPresent()) {
                // a literal address is named once; a name or another spelling is followed by what it means
                String is = name.equals(a.getHostAddress()) || name.contains(":") ? "" : a.getHostAddress() + ", ";
                throw new IllegalArgumentException("The drain host '" + name + "' is " + is
                        + why.get() + ": drains send only to public addresses (an admin can allow it with"
                        + " ferry up --drain-allow " + (name.contains(":") ? "[" + name + "]" : name) + ":" + port
                        + ").");
            }
        }
        return List.of(addresses);
    }

    /** Why a drain may not send to {@code a}; empty for a public address. */
    static Optional<String> whyRefused(InetAddress a) {
        if (a instanceof Inet6Address six) {
            byte[] b = six.getAddress();
            Optional<byte[]> v4 = embeddedIpv4(b);
            if (v4.isPresent()) {
                try {
                    return whyRefused(InetAddress.getByAddress(v4.get()));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("four bytes are an IPv4 address", e);
                }
            }
            if (six.isAnyLocalAddress()) {
                return Optional.of("the unspecified address");
            }
            if (six.isLoopbackAddress()) {
                return Optional.of("a loopback address");
            }
            if (six.isLinkLocalAddress()) {
                return Optional.of("a link-local address");
            }
            if (six.isSiteLocalAddress()) {
                return Optional.of("a site-local address");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a private address");
            }
            if (six.isMulticastAddress()) {
                return Optional.of("a multicast address");
            }
            return Optional.empty();
        }
        byte[] b = ((Inet4Address) a).getAddress();
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return Optional.of("the unspecified address");
        }
        if (first == 127) {
            return Optional.of("a loopback address");
        }
        if (first == 10 || (first == 172 && second >= 16 && second <= 31) || (first == 192 && second == 168)
                || (first == 100 && second >= 64 && second <= 127)) {
            return Optional.of("a private address");
        }
        if (first == 169 && second == 254) {
            return Optional.of("a link-local address");
        }
        if (first >= 224 && first <= 239) {
            return Optional.of("a multicast address");
        }
        if (first >= 240) {
            return Optional.of("a reserved or broadcast address");
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 address. */
    private static Optional<byte[]> embeddedIpv4(byte[] b) {
        boolean tenZero = Arrays.equals(b, 0, 10, new byte[10], 0, 10);
        boolean mapped = tenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = tenZero && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
        if (mapped || compatible || nat64) {
            return Optional.of(Arrays.copyOfRange(b, 12, 16));
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Optional.of(Arrays.copyOfRange(b, 2, 6));
        }
        return Optional.empty();
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(i.getInetAddresses()));
            }
        } catch (SocketException e) {
            // no interface list: the other rules still apply
        }
        return own;
    }

    static int portOf(URI url) {
        if (url.getPort() != -1) {
            return url.getPort();
        }
        return "http".equals(url.getScheme()) ? 80 : 443;
    }

    private static String bare(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    private static String normalAllowEntry(String entry) {
        String e = entry.strip();
        int colon = e.lastIndexOf(':');
        String host = colon < 0 ? "" : e.substring(0, colon);
        String port = colon < 0 ? "" : e.substring(colon + 1);
        if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
                || Integer.parseInt(port) > 65535 || (host.contains(":") && !host.startsWith("["))) {
            throw new IllegalArgumentException("The drain allow entry '" + entry
                    + "' must be HOST:PORT, e.g. logs.internal:514 or [::1]:514.");
        }
        return bare(host) + ":" + Integer.parseInt(port);
    }
}
