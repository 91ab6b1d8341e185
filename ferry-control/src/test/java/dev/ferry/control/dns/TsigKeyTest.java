package dev.ferry.control.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading TSIG keys in BIND's form, as {@code tsig-keygen} writes them, and refusing what is not one. */
class TsigKeyTest {

    @TempDir
    Path dir;

    @Test
    void readsWhatTsigKeygenWrites() throws Exception {
        Path file = dir.resolve("key.conf");
        Process p = new ProcessBuilder("/usr/sbin/tsig-keygen", "-a", "hmac-sha512", "ferry.example.")
                .redirectOutput(file.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0)
                .as("tsig-keygen from Debian's bind9 package").isTrue();

        TsigKey key = TsigKey.read(file);
        assertThat(key.name()).isEqualTo("ferry.example.");
        assertThat(key.algorithm()).isEqualTo("hmac-sha512");
        assertThat(Files.readString(file)).contains(key.secret());
        assertThat(key.toString()).doesNotContain(key.secret()).contains("secret hidden");
    }

    @Test
    void refusesFilesThatHoldNoUsableKey() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.conf"), "options { };\n");
        assertThatThrownBy(() -> TsigKey.read(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holds no TSIG key in BIND's form");
        Path md5 = Files.writeString(dir.resolve("md5.conf"),
                "key \"k\" { algorithm hmac-md5; secret \"c2VjcmV0c2VjcmV0c2VjcmV0\"; };\n");
        assertThatThrownBy(() -> TsigKey.read(md5)).hasMessageContaining("the TSIG algorithm 'hmac-md5' is not one of");
        Path noSecret = Files.writeString(dir.resolve("nosecret.conf"), "key \"k\" { algorithm hmac-sha256; };\n");
        assertThatThrownBy(() -> TsigKey.read(noSecret)).hasMessageContaining("needs both an algorithm and a secret");
        Path shortSecret = Files.writeString(dir.resolve("short.conf"),
                "key \"k\" { algorithm hmac-sha256; secret \"c2hvcnQ=\"; };\n");
        assertThatThrownBy(() -> TsigKey.read(shortSecret)).hasMessageContaining("shorter than 16 bytes");
        assertThatThrownBy(() -> TsigKey.read(dir.resolve("missing.conf")))
                .hasMessageContaining("cannot read the TSIG key file");
    }
}
