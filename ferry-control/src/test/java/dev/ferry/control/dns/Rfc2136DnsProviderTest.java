package dev.ferry.control.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.dns.DnsUpdateFailed;
import dev.ferry.testing.BindServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** {@link Rfc2136DnsProvider} against a real BIND {@code named} with a zone that one TSIG key may update. */
class Rfc2136DnsProviderTest {

    private static final String NAME = "_acme-challenge.apps.test";

    @TempDir
    Path dir;

    private BindServer bind;

    @BeforeEach
    void startNamed() throws Exception {
        bind = BindServer.start(dir, "apps.test");
    }

    @AfterEach
    void stopNamed() {
        bind.close();
    }

    private Rfc2136DnsProvider provider(TsigKey key) {
        return new Rfc2136DnsProvider(new Rfc2136Config(bind.address(), "apps.test", key, Duration.ofSeconds(60),
                Duration.ofSeconds(5)));
    }

    /** The TXT values the server answers at {@code name}, asked without a key. */
    private List<String> served(String name) throws Exception {
        Message response = new SimpleResolver(bind.address())
                .send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.TXT, DClass.IN)));
        List<String> values = new ArrayList<>();
        for (Record r : response.getSection(Section.ANSWER)) {
            values.addAll(((TXTRecord) r).getStrings());
        }
        return values;
    }

    @Test
    void addsTwoChallengeRecordsAtOneNameAndRemovesOneAlone() throws Exception {
        Rfc2136DnsProvider dns = provider(TsigKey.read(bind.keyFile()));

        dns.present(NAME, "wildcard-digest");
        dns.present(NAME, "apex-digest");
        dns.awaitPropagation(NAME, "wildcard-digest", Duration.ofSeconds(5));
        dns.awaitPropagation(NAME, "apex-digest", Duration.ofSeconds(5));
        assertThat(served(NAME)).containsExactlyInAnyOrder("wildcard-digest", "apex-digest");

        dns.cleanup(NAME, "wildcard-digest");
        assertThat(served(NAME)).containsExactly("apex-digest");
        dns.cleanup(NAME, "wildcard-digest"); // already gone: nothing happens
        dns.cleanup(NAME, "apex-digest");
        assertThat(served(NAME)).isEmpty();
        assertThat(dns.describe()).contains("RFC 2136 at 127.0.0.1:").contains("zone apps.test")
                .contains("key " + BindServer.KEY_NAME);
    }

    @Test
    void aWrongTsigSecretIsRefusedWithTheReasonAndChangesNothing() throws Exception {
        TsigKey right = TsigKey.read(bind.keyFile());
        TsigKey wrong = new TsigKey(right.name(), right.algorithm(),
                Base64.getEncoder().encodeToString(new byte[32]));

        assertThatThrownBy(() -> provider(wrong).present(NAME, "forged"))
                .isInstanceOf(DnsUpdateFailed.class)
                .hasMessageContaining("refused to add the TXT record at " + NAME)
                .hasMessageContaining("NOTAUTH")
                .hasMessageContaining("did not accept the TSIG key")
                .hasMessageContaining("--acme-dns-tsig-file");
        assertThat(served(NAME)).isEmpty();
    }

    @Test
    void refusesANameOutsideItsZoneWithoutAskingTheServer() {
        assertThatThrownBy(() -> provider(TsigKey.read(bind.keyFile())).present("_acme-challenge.other.test", "x"))
                .isInstanceOf(DnsUpdateFailed.class)
                .hasMessage("the name _acme-challenge.other.test is not in the zone apps.test (--acme-dns-zone)");
    }

    @Test
    void waitingForARecordThatNeverComesEndsWithTheServerNamed() {
        assertThatThrownBy(() -> provider(TsigKey.read(bind.keyFile()))
                .awaitPropagation(NAME, "never-added", Duration.ofMillis(600)))
                .isInstanceOf(DnsUpdateFailed.class)
                .hasMessageContaining("is not served by " + bind.hostPort())
                .hasMessageContaining("does not hold the record");
    }

    @Test
    void aServerThatDoesNotAnswerIsAFailureNamingIt() throws Exception {
        bind.close();
        assertThatThrownBy(() -> provider(TsigKey.read(bind.keyFile())).present(NAME, "x"))
                .isInstanceOf(DnsUpdateFailed.class)
                .hasMessageContaining("cannot add the TXT record at " + NAME + " on " + bind.hostPort());
    }
}
