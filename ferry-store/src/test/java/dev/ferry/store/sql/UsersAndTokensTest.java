package dev.ferry.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.core.store.ApiToken;
import dev.ferry.core.store.NewToken;
import dev.ferry.core.store.NewUser;
import dev.ferry.core.store.TokenNotFound;
import dev.ferry.core.store.User;
import dev.ferry.core.store.UserExists;
import dev.ferry.core.store.UserId;
import dev.ferry.core.store.UserNotFound;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class UsersAndTokensTest extends StoreTestSupport {

    @Test
    void bootstrapsTheAdminOnlyOnAnEmptyPlatform() {
        assertThat(admin.admin()).isTrue();
        assertThat(admin.email()).isEqualTo("admin@example.com");
        assertThat(store.authenticate(bootstrap.firstToken().secret())).contains(admin);
        assertThat(store.bootstrapAdmin("other@example.com")).isEmpty();
        assertThat(store.users()).containsExactly(admin);
    }

    @Test
    void createsAUserWithAFirstTokenShownOnce() {
        NewUser created = store.createUser("  Dev@Example.COM ", false, admin.id());

        assertThat(created.user().email()).isEqualTo("dev@example.com");
        assertThat(created.user().admin()).isFalse();
        assertThat(store.userByEmail("DEV@example.com")).contains(created.user());
        assertThat(store.user(created.user().id())).contains(created.user());
        assertThat(store.authenticate(created.firstToken().secret())).contains(created.user());
        assertThat(created.firstToken().toString()).doesNotContain(created.firstToken().secret());
    }

    @Test
    void refusesASecondUserWithTheSameAddress() {
        store.createUser("dev@example.com", false, admin.id());

        assertThatThrownBy(() -> store.createUser("DEV@example.com", true, admin.id()))
                .isInstanceOf(UserExists.class)
                .hasMessage("A user with the e-mail address dev@example.com already exists.");
        assertThat(store.users()).hasSize(2);
    }

    @Test
    void refusesAnInvalidAddressOrUnknownActor() {
        assertThatThrownBy(() -> store.createUser("not-an-address", false, admin.id()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an e-mail address");
        assertThatThrownBy(() -> store.createUser("x@example.com", false, new UserId(999)))
                .isInstanceOf(UserNotFound.class);
        assertThat(store.userByEmail("x@example.com")).isEmpty();
    }

    @Test
    void listsTokensWithoutSecretsAndRecordsTheirLastUse() {
        NewToken laptop = store.createToken(admin.id(), "laptop");
        assertThat(store.tokens(admin.id())).extracting(ApiToken::description)
                .containsExactly("first start", "laptop");
        assertThat(store.tokens(admin.id()).get(1).lastUsedAt()).isEmpty();

        store.authenticate(laptop.secret());
        ApiToken used = store.tokens(admin.id()).get(1);
        assertThat(used.lastUsedAt()).contains(clock.instant());

        clock.advance(Duration.ofSeconds(10));
        store.authenticate(laptop.secret());
        assertThat(store.tokens(admin.id()).get(1).lastUsedAt()).as("written at most once a minute")
                .isEqualTo(used.lastUsedAt());

        clock.advance(Duration.ofMinutes(2));
        store.authenticate(laptop.secret());
        assertThat(store.tokens(admin.id()).get(1).lastUsedAt()).contains(clock.instant());
    }

    @Test
    void revokedTokenNoLongerAuthenticates() {
        NewToken token = store.createToken(admin.id(), "ci");
        assertThat(store.authenticate(token.secret())).contains(admin);

        store.revokeToken(admin.id(), token.token().id());

        assertThat(store.authenticate(token.secret())).isEmpty();
        assertThat(store.tokens(admin.id())).extracting(ApiToken::id).doesNotContain(token.token().id());
        assertThat(store.authenticate(bootstrap.firstToken().secret())).contains(admin);
    }

    @Test
    void cannotRevokeAnotherUsersOrUnknownToken() {
        User dev = newUser("dev@example.com");
        NewToken devToken = store.createToken(dev.id(), "dev's");

        assertThatThrownBy(() -> store.revokeToken(admin.id(), devToken.token().id()))
                .isInstanceOf(TokenNotFound.class)
                .hasMessage("Couldn't find a token with the id " + devToken.token().id() + ".");
        assertThatThrownBy(() -> store.revokeToken(admin.id(), "nosuchtoken")).isInstanceOf(TokenNotFound.class);
        assertThat(store.authenticate(devToken.secret())).contains(dev);
    }

    @Test
    void rejectsUnknownAndMalformedSecrets() {
        String secret = bootstrap.firstToken().secret();
        assertThat(store.authenticate(secret + "x")).isEmpty();
        assertThat(store.authenticate(secret.substring(0, secret.length() - 1))).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate(null)).isEmpty();
        assertThat(store.authenticate("Bearer " + secret)).isEmpty();
    }

    @Test
    void neverStoresAPlainSecret() throws Exception {
        NewToken token = store.createToken(admin.id(), "scan me");
        store.authenticate(token.secret());

        assertThat(databaseFilesContain(token.secret())).isFalse();
        assertThat(databaseFilesContain(bootstrap.firstToken().secret())).isFalse();
        assertThat(databaseFilesContain(token.secret().substring(6, 30))).isFalse();
        assertThat(databaseFilesContain("scan me")).as("the scan finds what is stored").isTrue();
    }

    @Test
    void createTokenNeedsAnExistingUser() {
        assertThatThrownBy(() -> store.createToken(new UserId(4242), "x")).isInstanceOf(UserNotFound.class);
    }
}
