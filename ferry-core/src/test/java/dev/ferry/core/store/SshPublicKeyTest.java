package dev.ferry.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Keys made by ssh-keygen, with the fingerprints {@code ssh-keygen -l} printed for them. */
class SshPublicKeyTest {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICPfY2e+TgyLgNBkRAjwIwZCslfLQJfEjJlKWUXkkvJZ alice@laptop";
    static final String ECDSA_256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNTn7q3s7yGGtUK++ZnjDeYH2zorJsYdbAstY6ewqW9qzhveqDDrA6re57rNI03NygGCSPEribkTulLRqYq+r5s= ci";
    static final String ECDSA_521 = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAA1QV4NewaPdnaxP4aSglNXbUhqzcy7rN72zjGeDv5jOFD7XKq7iWy0R7vw8Enq3ge99PkuDxSztS05LijkHOmAfQCZA/YA1Le8imjTXvghC4gUrhBgMALjLAKkyVhHqDR0OlkytNTvGiySd++EUsiQj3IFXIdrwjonfeBxLxHpIaK+5A==";
    static final String RSA_2048 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDwCjoKpNG8T8ya91xcTg4wVRt/0Eq2cdCKBxHysbp+hOwEHjZRtembeJ8L0LDABr7PrSxGLSiLpjudxOu52a39njvssJvDaZh9+k1R01lYZbQZTtRp9+rmMYBo+mZPnI3yi6QFxXMB+AGDRqWTgCNborSJjcdpPDgNxo8Dgy/hnnJIgtgkek65CmMlFBArZT9OrbXI3ymFZKr1+dP3kOaUbHYyur/61yFnp+uZqS1/rpT5cyPiUPn2ep40q4NWCJH8nC59dPP+6Nq94j0+ojocrUewWz3zw7MtpZ0SyFQtxjEKCcCqJOFRMhnAWzCOSLoaExAMvf1BaGA4lsvYYEX1 old box";
    static final String RSA_1024 = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDF6jCyBF0C9QvI0EW7NmflET12KI2ORwfz4OH1gBHScE/jpU6z/atE1GjENtbH3TTPiCFsj/NdBCqBgTDR56pSi72yZCWOcgH5+tlfmbPfkFlbWkbDId3AFLgogWaIcpGVsxub5DS+RII6d+ha/i08g6ATPp8PSp8RZLiEYjiC0Q== weak";

    @Test
    void readsEachSupportedTypeWithTheFingerprintOfSshKeygen() {
        SshPublicKey ed = SshPublicKey.parse(ED25519);
        assertThat(ed.type()).isEqualTo("ssh-ed25519");
        assertThat(ed.comment()).isEqualTo("alice@laptop");
        assertThat(ed.fingerprint()).isEqualTo("SHA256:Y0tB42rzlaJcy8ViyoHvwdwz4waIVvkPnRgcsd+2rkc");
        assertThat(SshPublicKey.parse(ECDSA_256).fingerprint()).isEqualTo("SHA256:/zQHMQze+MbQOqln3GYuCOEobjo16JfFhtwOaxwGzcc");
        assertThat(SshPublicKey.parse(ECDSA_521).fingerprint()).isEqualTo("SHA256:S/waK3P4JwjjAuqBhUFPs0gsmROQ7dVMi3bExigZpag");
        assertThat(SshPublicKey.parse(ECDSA_521).comment()).isEmpty();
        SshPublicKey rsa = SshPublicKey.parse(RSA_2048);
        assertThat(rsa.fingerprint()).isEqualTo("SHA256:CXDF7nCpBn4sULbbcONz1946SqEj7osydIx51LeC59M");
        assertThat(rsa.comment()).as("a comment may have spaces").isEqualTo("old box");
    }

    @Test
    void ignoresSurroundingWhiteSpaceAndKeepsTheKeyTextWithoutComment() {
        SshPublicKey ed = SshPublicKey.parse("  " + ED25519 + "\n");
        assertThat(ed).isEqualTo(SshPublicKey.parse(ED25519));
        assertThat(ed.keyText()).isEqualTo(ED25519.substring(0, ED25519.lastIndexOf(' ')));
        assertThat(SshPublicKey.parse(ed.keyText()).fingerprint()).isEqualTo(ed.fingerprint());
    }

    @Test
    void refusesAnRsaKeyUnder2048Bits() {
        assertThatThrownBy(() -> SshPublicKey.parse(RSA_1024)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the ssh-rsa key has 1024 bits; at least 2048 are needed (or use ssh-keygen -t ed25519)");
    }

    @Test
    void refusesWhatIsNotAPublicKeyLineWithASentenceSayingWhy() {
        assertThatThrownBy(() -> SshPublicKey.parse("  ")).hasMessage("the public key is empty");
        assertThatThrownBy(() -> SshPublicKey.parse("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn==\n-----END OPENSSH PRIVATE KEY-----"))
                .hasMessageContaining("this is a private key");
        assertThatThrownBy(() -> SshPublicKey.parse(ED25519 + "\n" + RSA_2048)).hasMessageContaining("one line");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-dss AAAAB3NzaC1kc3MAAACBAP== x"))
                .hasMessageStartingWith("'ssh-dss' is not a supported key type");
        assertThatThrownBy(() -> SshPublicKey.parse("hello")).hasMessageStartingWith("'hello' is not a supported key type");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519")).hasMessage("the ssh-ed25519 key has no key data after its type");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 not*base64")).hasMessageContaining("not valid base64");
    }

    @Test
    void refusesDamagedKeyData() {
        String data = ED25519.split(" ")[1];
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 " + data.substring(0, 40)))
                .hasMessageContaining("the ssh-ed25519 key is damaged");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-rsa " + data)).hasMessageContaining("its data says it is a 'ssh-ed25519' key");
        byte[] blob = Base64.getDecoder().decode(ECDSA_256.split(" ")[1]);
        blob[blob.length - 1] ^= 1;
        assertThatThrownBy(() -> SshPublicKey.parse("ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(blob)))
                .hasMessageContaining("its point is not on the curve nistp256");
        byte[] longer = Base64.getDecoder().decode(data + "AAAA");
        assertThatThrownBy(() -> SshPublicKey.parse("ssh-ed25519 " + Base64.getEncoder().encodeToString(longer)))
                .hasMessageContaining("data after the key");
    }

    @Test
    void refusesALongOrControlCharacterComment() {
        assertThatThrownBy(() -> SshPublicKey.parse(ED25519 + "x".repeat(200))).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> SshPublicKey.parse(ED25519 + "\u0007bell")).hasMessageContaining("control character");
    }
}
