package dev.ferry.control.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void createsOwnerOnlyTokenAndHashFileOnFirstLoad() throws Exception {
        AdminToken token = AdminToken.loadOrCreate(dataDir.resolve("fresh"));
        Path tokenFile = dataDir.resolve("fresh").resolve("admin-token");
        Path hashFile = dataDir.resolve("fresh").resolve("admin-token.sha256");

        assertThat(token.wasCreated()).isTrue();
        assertThat(token.token()).startsWith("ferry_").hasSize("ferry_".length() + 43).matches("ferry_[A-Za-z0-9_-]+");
        assertThat(Files.readString(tokenFile).strip()).isEqualTo(token.token());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile))).isEqualTo("rw-------");
        String hash = Files.readString(hashFile, StandardCharsets.UTF_8).strip();
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(HashedTokenVerifier.sha256Hex(token.token()));
        assertThat(Files.readString(hashFile)).doesNotContain(token.token()).doesNotContain("ferry_");
    }

    @Test
    void readsTheSameTokenOnLaterLoads() {
        AdminToken first = AdminToken.loadOrCreate(dataDir);
        AdminToken second = AdminToken.loadOrCreate(dataDir);
        assertThat(second.wasCreated()).isFalse();
        assertThat(second.token()).isEqualTo(first.token());
    }

    @Test
    void recomputesMissingOrWrongHashFile() throws Exception {
        AdminToken first = AdminToken.loadOrCreate(dataDir);
        Path hashFile = dataDir.resolve(AdminToken.HASH_FILE);
        Files.writeString(hashFile, "0".repeat(64));
        AdminToken.loadOrCreate(dataDir);
        assertThat(Files.readString(hashFile).strip()).isEqualTo(HashedTokenVerifier.sha256Hex(first.token()));
        Files.delete(hashFile);
        AdminToken.loadOrCreate(dataDir);
        assertThat(Files.readString(hashFile).strip()).isEqualTo(HashedTokenVerifier.sha256Hex(first.token()));
    }

    @Test
    void verifierAcceptsOnlyTheToken() {
        AdminToken token = AdminToken.loadOrCreate(dataDir);
        TokenVerifier verifier = token.verifier();
        assertThat(verifier.isValid(token.token())).isTrue();
        assertThat(verifier.isValid(token.token() + "x")).isFalse();
        assertThat(verifier.isValid("")).isFalse();
        assertThat(verifier.isValid(null)).isFalse();
    }

    @Test
    void twoDataDirectoriesGetDifferentTokens() {
        assertThat(AdminToken.loadOrCreate(dataDir.resolve("a")).token())
                .isNotEqualTo(AdminToken.loadOrCreate(dataDir.resolve("b")).token());
    }
}
