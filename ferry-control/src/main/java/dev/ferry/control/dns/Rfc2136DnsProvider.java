package dev.ferry.control.dns;

import dev.ferry.core.dns.DnsProvider;
import dev.ferry.core.dns.DnsUpdateFailed;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * A {@link DnsProvider} over RFC 2136 dynamic updates (BIND's {@code named}, Knot, PowerDNS, Windows DNS…), by
 * dnsjava: each change is one UPDATE message for the configured zone, sent over TCP to its primary server and signed
 * with the TSIG key; a record is added next to the others at its name and deleted alone. Whether a record is there
 * is asked of the same server with recursion off, so the answer is the zone's own, not a cache's. A refusal names
 * the server's response code and what it usually means (NOTAUTH: the key was not accepted; REFUSED: the key may not
 * update that name).
 */
public final class Rfc2136DnsProvider implements DnsProvider {

    private static final Duration POLL = Duration.ofMillis(250);

    private final Rfc2136Config config;
    private final Name zone;

    public Rfc2136DnsProvider(Rfc2136Config config) {
        this.config = config;
        try {
            this.zone = Name.fromString(config.zone(), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("'" + config.zone() + "' is not a DNS zone: " + e.getMessage(), e);
        }
    }

    @Override
    public void present(String name, String value) throws DnsUpdateFailed {
        Update update = new Update(zone);
        update.add(record(name, value, config.recordTtl().toSeconds()));
        send(update, "add the TXT record at " + name);
    }

    @Override
    public void cleanup(String name, String value) throws DnsUpdateFailed {
        Update update = new Update(zone);
        update.delete(record(name, value, 0));
        send(update, "remove the TXT record at " + name);
    }

    @Override
    public void awaitPropagation(String name, String value, Duration timeout)
            throws DnsUpdateFailed, InterruptedException {
        Instant until = Instant.now().plus(timeout);
        String last = "no answer yet";
        while (true) {
            try {
                if (answers(name, value)) {
                    return;
                }
                last = "its answer does not hold the record";
            } catch (IOException e) {
                last = "it did not answer: " + e.getMessage();
            }
            if (Instant.now().isAfter(until)) {
                throw new DnsUpdateFailed("the TXT record at " + name + " is not served by " + server() + " after "
                        + timeout.toSeconds() + " s (" + last + ")");
            }
            Thread.sleep(POLL);
        }
    }

    @Override
    public String describe() {
        return "RFC 2136 at " + server() + ", zone " + config.zone() + ", key " + config.key().name();
    }

    private boolean answers(String name, String value) throws IOException, DnsUpdateFailed {
        Message query = Message.newQuery(Record.newRecord(absolute(name), Type.TXT, DClass.IN));
        query.getHeader().unsetFlag(Flags.RD);
        Message response = resolver(false).send(query);
        for (Record r : response.getSection(Section.ANSWER)) {
            if (r instanceof TXTRecord txt && txt.getStrings().contains(value)) {
                return true;
            }
        }
        return false;
    }

    private void send(Update update, String what) throws DnsUpdateFailed {
        Message response;
        try {
            response = resolver(true).send(update);
        } catch (IOException e) {
            throw new DnsUpdateFailed("cannot " + what + " on " + server() + ": " + e.getMessage(), e);
        }
        int rcode = response.getRcode();
        if (rcode != Rcode.NOERROR) {
            throw new DnsUpdateFailed("the DNS server " + server() + " refused to " + what + " in the zone "
                    + config.zone() + ": " + Rcode.string(rcode) + meaning(rcode));
        }
        if (!response.isVerified()) {
            throw new DnsUpdateFailed("the answer of " + server() + " when asked to " + what + " is not signed with"
                    + " the TSIG key " + config.key().name() + "; the change is not trusted");
        }
    }

    private static String meaning(int rcode) {
        return switch (rcode) {
            case Rcode.NOTAUTH -> " (the server did not accept the TSIG key: check the key's name, algorithm and"
                    + " secret in --acme-dns-tsig-file, and that the clocks agree)";
            case Rcode.REFUSED -> " (the key may not update this name: check the zone's update-policy or allow-update)";
            case Rcode.NOTZONE -> " (the name is not in the zone: check --acme-dns-zone)";
            default -> "";
        };
    }

    private TXTRecord record(String name, String value, long ttl) throws DnsUpdateFailed {
        Name n = absolute(name);
        if (!n.subdomain(zone)) {
            throw new DnsUpdateFailed("the name " + name + " is not in the zone " + config.zone()
                    + " (--acme-dns-zone)");
        }
        return new TXTRecord(n, DClass.IN, ttl, value);
    }

    private static Name absolute(String name) throws DnsUpdateFailed {
        try {
            return Name.fromString(name, Name.root);
        } catch (TextParseException e) {
            throw new DnsUpdateFailed("'" + name + "' is not a DNS name: " + e.getMessage(), e);
        }
    }

    private SimpleResolver resolver(boolean signed) {
        SimpleResolver resolver = new SimpleResolver(config.server());
        resolver.setTCP(true);
        resolver.setTimeout(config.timeout());
        if (signed) {
            TsigKey key = config.key();
            resolver.setTSIGKey(new TSIG(TSIG.algorithmToName(key.algorithm()), key.name(), key.secret()));
        }
        return resolver;
    }

    private String server() {
        return config.server().getHostString() + ":" + config.server().getPort();
    }
}
