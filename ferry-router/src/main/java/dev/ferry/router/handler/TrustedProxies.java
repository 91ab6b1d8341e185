package dev.ferry.router.handler;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The peers whose {@code X-Forwarded-*} headers the router believes: a list of addresses and CIDR blocks
 * ({@code 10.0.0.0/8}, {@code 192.168.1.7}, {@code fd00::/8}). Empty by default: every client-sent
 * {@code X-Forwarded-For} is dropped. Immutable and thread-safe.
 */
public final class TrustedProxies {

    /** Trusts no one. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private record Block(byte[] prefix, int bits) {
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /**
     * Parses addresses and CIDR blocks written as literals (no DNS lookups).
     *
     * @throws IllegalArgumentException naming the entry that is not an address or CIDR block
     */
    public static TrustedProxies parse(List<String> entries) {
        List<Block> blocks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            blocks.add(block(entry));
        }
        return new TrustedProxies(blocks);
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    /** True when {@code address} lies in one of the blocks. */
    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        for (Block b : blocks) {
            if (b.prefix.length == bytes.length && matches(b.prefix, bytes, b.bits)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The address of the client as the trusted proxies in front of the router saw it: walks an
     * {@code X-Forwarded-For} chain ({@code client, proxy1, proxy2}, the router's peer last) from the right,
     * skipping addresses this list trusts, and answers the first one it does not trust. An entry that is not
     * an IP address literal stops the walk and the hop to its right is answered instead, so a made-up value
     * never becomes the client; when every entry is trusted, the leftmost is the client.
     *
     * @param chain the full chain, the router's peer included, never empty
     */
    public String firstUntrustedHop(String chain) {
        String[] hops = chain.split(",");
        String answer = hops[hops.length - 1].strip();
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            InetAddress address = literal(hop);
            if (address == null) {
                return answer;
            }
            answer = hop;
            if (!contains(address)) {
                return hop;
            }
        }
        return answer;
    }

    private static InetAddress literal(String text) {
        // an IPv6 literal, or four dotted decimals: getByName then never asks DNS
        boolean v6 = text.indexOf(':') >= 0;
        boolean v4 = !v6 && text.chars().filter(c -> c == '.').count() == 3
                && text.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
        if (!isLiteral(text) || !v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean matches(byte[] prefix, byte[] address, int bits) {
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (prefix[i] != address[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (prefix[full] & mask) == (address[full] & mask);
    }

    private static Block block(String entry) {
        String text = entry == null ? "" : entry.trim();
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        if (!isLiteral(addressText)) {
            throw new IllegalArgumentException("trusted proxy '" + entry + "' is not an IP address or CIDR block");
        }
        byte[] address;
        try {
            address = InetAddress.getByName(addressText).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("trusted proxy '" + entry + "' is not an IP address or CIDR block");
        }
        int bits = address.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > address.length * 8) {
                throw new IllegalArgumentException("trusted proxy '" + entry + "' has a prefix length outside 0-"
                        + address.length * 8);
            }
        }
        return new Block(address, bits);
    }

    private static boolean isLiteral(String s) {
        // only hex digits, dots and colons: InetAddress.getByName then never resolves a name
        return !s.isEmpty() && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':');
    }
}
