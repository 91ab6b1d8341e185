package dev.ferry.control.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.core.store.User;
import dev.ferry.store.sql.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void createsTheAdminAndAnOwnerOnlyTokenFileOnFirstStart() throws Exception {
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir)) {
            AdminToken token = AdminToken.bootstrap(store, dataDir);
            Path tokenFile = dataDir.resolve(AdminToken.TOKEN_FILE);

            assertThat(token.wasCreated()).isTrue();
            assertThat(Files.readString(tokenFile).strip()).isEqualTo(token.token());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
            User admin = store.authenticate(token.token()).orElseThrow();
            assertThat(admin.admin()).isTrue();
            assertThat(admin.email()).isEqualTo(AdminToken.ADMIN_EMAIL);
            assertThat(store.users()).hasSize(1);
        }
    }

    @Test
    void readsTheSameTokenOnLaterStarts() {
        String first;
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir)) {
            first = AdminToken.bootstrap(store, dataDir).token();
        }
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir)) {
            AdminToken second = AdminToken.bootstrap(store, dataDir);
            assertThat(second.wasCreated()).isFalse();
            assertThat(second.token()).isEqualTo(first);
            assertThat(store.users()).hasSize(1);
        }
    }

    @Test
    void writesANewTokenWhenTheFileIsMissingOrItsTokenRevoked() throws Exception {
        try (SqliteStore store = SqliteStore.openInDataDir(dataDir)) {
            AdminToken first = AdminToken.bootstrap(store, dataDir);
            Files.delete(dataDir.resolve(AdminToken.TOKEN_FILE));
            AdminToken second = AdminToken.bootstrap(store, dataDir);
            assertThat(second.wasCreated()).isTrue();
            assertThat(second.token()).isNotEqualTo(first.token());
            assertThat(store.authenticate(second.token())).isPresent();

            User admin = store.authenticate(second.token()).orElseThrow();
            store.tokens(admin.id()).forEach(t -> store.revokeToken(admin.id(), t.id()));
            AdminToken third = AdminToken.bootstrap(store, dataDir);
            assertThat(third.wasCreated()).isTrue();
            assertThat(store.authenticate(third.token())).isPresent();
            assertThat(Files.readString(dataDir.resolve(AdminToken.TOKEN_FILE)).strip()).isEqualTo(third.token());
            assertThat(store.users()).hasSize(1);
        }
    }
}
