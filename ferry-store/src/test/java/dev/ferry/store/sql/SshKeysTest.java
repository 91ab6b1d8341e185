package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ferry.core.store.Event;
import dev.ferry.core.store.EventAction;
import dev.ferry.core.store.KeyExists;
import dev.ferry.core.store.KeyNotFound;
import dev.ferry.core.store.Page;
import dev.ferry.core.store.SshKey;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserId;
import dev.ferry.core.store.UserNotFound;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SshKeysTest extends StoreTestSupport {

    static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICPfY2e+TgyLgNBkRAjwIwZCslfLQJfEjJlKWUXkkvJZ alice@laptop";
    static final String ED25519_FINGERPRINT = "SHA256:Y0tB42rzlaJcy8ViyoHvwdwz4waIVvkPnRgcsd+2rkc";
    static final String ECDSA = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBNTn7q3s7yGGtUK++ZnjDeYH2zorJsYdbAstY6ewqW9qzhveqDDrA6re57rNI03NygGCSPEribkTulLRqYq+r5s= ci";
    static final String RSA = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDwCjoKpNG8T8ya91xcTg4wVRt/0Eq2cdCKBxHysbp+hOwEHjZRtembeJ8L0LDABr7PrSxGLSiLpjudxOu52a39njvssJvDaZh9+k1R01lYZbQZTtRp9+rmMYBo+mZPnI3yi6QFxXMB+AGDRqWTgCNborSJjcdpPDgNxo8Dgy/hnnJIgtgkek65CmMlFBArZT9OrbXI3ymFZKr1+dP3kOaUbHYyur/61yFnp+uZqS1/rpT5cyPiUPn2ep40q4NWCJH8nC59dPP+6Nq94j0+ojocrUewWz3zw7MtpZ0SyFQtxjEKCcCqJOFRMhnAWzCOSLoaExAMvf1BaGA4lsvYYEX1 old box";

    @Test
    void addsListsAndFindsTheUserOfAKey() {
        User dev = newUser("dev@example.com");
        SshKey added = store.addSshKey(dev.id(), ED25519);
        clock.advance(Duration.ofSeconds(1));
        store.addSshKey(dev.id(), RSA);

        assertThat(added.fingerprint()).isEqualTo(ED25519_FINGERPRINT);
        assertThat(added.addedAt()).isEqualTo(clock.instant().minusSeconds(1));
        assertThat(store.sshKeys(dev.id())).extracting(SshKey::type, SshKey::comment)
                .containsExactly(tuple("ssh-ed25519", "alice@laptop"), tuple("ssh-rsa", "old box"));
        assertThat(store.sshKeys(dev.id()).get(0)).isEqualTo(added);
        assertThat(store.sshKeys(admin.id())).isEmpty();
        assertThat(store.userBySshKey(ED25519_FINGERPRINT)).contains(dev);
        assertThat(store.userBySshKey("SHA256:unknown")).isEmpty();
    }

    @Test
    void refusesAKeyRegisteredAlreadyByAnyone() {
        User dev = newUser("dev@example.com");
        store.addSshKey(dev.id(), ED25519);

        assertThatThrownBy(() -> store.addSshKey(admin.id(), ED25519.replace("alice@laptop", "other comment")))
                .isInstanceOf(KeyExists.class).hasMessageContaining(ED25519_FINGERPRINT)
                .hasMessageNotContaining("dev@example.com")
                .satisfies(e -> assertThat(((KeyExists) e).code()).isEqualTo("key_taken"));
        assertThatThrownBy(() -> store.addSshKey(dev.id(), ED25519)).isInstanceOf(KeyExists.class)
                .satisfies(e -> assertThat(((KeyExists) e).code()).isEqualTo("key_exists"));
        assertThat(store.userBySshKey(ED25519_FINGERPRINT)).contains(dev);
    }

    @Test
    void refusesAMalformedKeyAndAnUnknownUserChangingNothing() {
        assertThatThrownBy(() -> store.addSshKey(admin.id(), "ssh-ed25519 AAAA"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damaged");
        assertThatThrownBy(() -> store.addSshKey(new UserId(999), ED25519)).isInstanceOf(UserNotFound.class);
        assertThat(store.userBySshKey(ED25519_FINGERPRINT)).isEmpty();
    }

    @Test
    void removesAKeyByFingerprintOrComment() {
        User dev = newUser("dev@example.com");
        store.addSshKey(dev.id(), ED25519);
        store.addSshKey(dev.id(), RSA);

        assertThat(store.removeSshKey(dev.id(), "old box").type()).isEqualTo("ssh-rsa");
        assertThat(store.removeSshKey(dev.id(), ED25519_FINGERPRINT).comment()).isEqualTo("alice@laptop");

        assertThat(store.sshKeys(dev.id())).isEmpty();
        assertThat(store.userBySshKey(ED25519_FINGERPRINT)).as("the key authenticates nobody now").isEmpty();
        store.addSshKey(admin.id(), ED25519);
        assertThat(store.userBySshKey(ED25519_FINGERPRINT)).as("a removed key may be added again").contains(admin);
    }

    @Test
    void removesOnlyTheCallersOwnKeys() {
        User dev = newUser("dev@example.com");
        store.addSshKey(dev.id(), ED25519);

        assertThatThrownBy(() -> store.removeSshKey(admin.id(), ED25519_FINGERPRINT))
                .isInstanceOf(KeyNotFound.class).hasMessageContaining(ED25519_FINGERPRINT);
        assertThatThrownBy(() -> store.removeSshKey(admin.id(), "alice@laptop")).isInstanceOf(KeyNotFound.class);
        assertThat(store.sshKeys(dev.id())).hasSize(1);
    }

    @Test
    void asksForTheFingerprintWhenSeveralKeysShareAComment() {
        store.addSshKey(admin.id(), ED25519.replace("alice@laptop", "laptop"));
        store.addSshKey(admin.id(), ECDSA.replace(" ci", " laptop"));

        assertThatThrownBy(() -> store.removeSshKey(admin.id(), "laptop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 of your SSH keys have the comment 'laptop'");
        assertThat(store.sshKeys(admin.id())).hasSize(2);
    }

    @Test
    void recordsAddingAndRemovingKeysAsEvents() {
        store.addSshKey(admin.id(), ED25519);
        store.removeSshKey(admin.id(), "alice@laptop");

        List<Event> events = store.events(Page.FIRST).items();
        assertThat(events.subList(0, 2)).extracting(Event::action, Event::detail).containsExactly(
                tuple(EventAction.KEY_REMOVE, "Remove SSH key " + ED25519_FINGERPRINT + " (alice@laptop)"),
                tuple(EventAction.KEY_ADD, "Add SSH key " + ED25519_FINGERPRINT + " (alice@laptop)"));
        assertThat(events.get(0).actor()).contains(admin.id());
        assertThat(events.get(0).app()).isEmpty();
    }

    @Test
    void removesAUsersKeysWithTheUser() throws Exception {
        User dev = newUser("dev@example.com");
        store.addSshKey(dev.id(), ED25519);
        execute("DELETE FROM users WHERE id = " + dev.id().value());
        assertThat(count("SELECT COUNT(*) FROM ssh_keys")).isZero();
    }
}
