package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.control.RunningControlServer;
import dev.ferry.control.certs.CertificatesApi;
import dev.ferry.core.store.AppHostNames;
import dev.ferry.core.store.AppName;
import dev.ferry.core.store.HttpsSettings;
import dev.ferry.testing.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certs and https commands against a real API, with certificates made by the openssl command. */
class CertsCommandsTest {

    @TempDir
    Path home;

    private RunningControlServer api;
    private CliRun cli;

    @BeforeEach
    void start() {
        api = new RunningControlServer(store -> List.of(
                CertificatesApi.over(store, new AppHostNames("localhost"), true)));
        cli = CliRun.asAdminOf(api, home);
        assertThat(cli.run("apps:create", "hello").exit()).isZero();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** A self-signed leaf for {@code host}, by openssl: cert.pem and key.pem (PKCS#8) under {@code dir}. */
    private Path selfSigned(String dir, String host) throws IOException, InterruptedException {
        return dev.ferry.testing.TestPki.selfSignedByOpenssl(home.resolve(dir), host);
    }

    @Test
    void listsThePlatformsWildcardForAdminsAndRefusesOthers() throws Exception {
        Path d = selfSigned("wild", "*.localhost");
        dev.ferry.core.store.Certificate c = dev.ferry.core.tls.CertificateCheck.check(
                new AppName("ferry--wildcard"), "*.localhost", Files.readString(d.resolve("cert.pem")),
                Files.readString(d.resolve("key.pem")), java.time.Instant.now());
        api.store.acme().putPlatformCertificate(new dev.ferry.core.store.Certificate(c.name(), c.app(), c.hostNames(),
                c.subject(), c.issuer(), c.notBefore(), c.notAfter(), c.fingerprint(), c.chainPem(), c.addedAt(),
                dev.ferry.core.store.CertificateSource.ACME), Files.readString(d.resolve("key.pem")), "issued");
        api.store.acme().recordPlatformFailure("*.localhost", "ACME wildcard certificate for *.localhost failed: NOTAUTH");

        CommandRunner.Result listed = cli.run("certs", "--platform");
        CommandRunner.Result json = cli.run("certs", "--platform", "--json");
        CommandRunner.Result asUser = new CliRun(home).in(home).env("FERRY_API_URL", api.baseUrl())
                .env("FERRY_API_TOKEN", api.newUser("dev@example.com")).run("certs", "--platform");

        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("NAME").contains("*.localhost").contains("failing")
                .contains("(1 in a row): ACME wildcard certificate for *.localhost failed: NOTAUTH")
                .doesNotContain("PRIVATE KEY");
        assertThat(json.out()).contains("\"name\":\"*.localhost\"").contains("\"status\":\"failing\"")
                .contains("\"expiresAt\":\"" + c.notAfter() + "\"");
        assertThat(asUser.exit()).isNotZero();
        assertThat(asUser.err()).contains("admin");
    }

    @Test
    void showsAHostAcmeIsStillFailingForWithTheReasonAndTheNextTry() {
        java.time.Instant now = java.time.Instant.now();
        api.store.acme().recordStatus(new dev.ferry.core.store.AcmeHostStatus(AppName.of("hello"), "hello.localhost",
                dev.ferry.core.store.AcmeHostStatus.State.FAILING, "the HTTP-01 challenge for hello.localhost is INVALID",
                2, now.plusSeconds(600), now));

        CommandRunner.Result listed = cli.run("certs", "-a", "hello");

        assertThat(listed.exit()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("SOURCE").contains("acme").contains("failing")
                .contains("hello.localhost: ACME failing (2 in a row; no certificate yet; next try ")
                .contains("): the HTTP-01 challenge for hello.localhost is INVALID");
    }

    @Test
    void addsListsAndRemovesACertificateWithoutEverPrintingTheKey() throws Exception {
        Path d = selfSigned("one", "hello.localhost");

        CommandRunner.Result added = cli.run("certs:add", d.resolve("cert.pem").toString(), d.resolve("key.pem").toString(),
                "-a", "hello");
        CommandRunner.Result listed = cli.run("certs", "-a", "hello");
        CommandRunner.Result json = cli.run("certs", "-a", "hello", "--json");

        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("Added certificate hello.localhost to hello for hello.localhost (expires ");
        assertThat(listed.out()).contains("NAME").contains("hello.localhost").contains("CN=hello.localhost")
                .contains("SOURCE").contains("user");
        assertThat(json.out()).contains("\"fingerprint\"").contains("\"expiresAt\"").contains("\"source\":\"user\"");
        String key = Files.readString(d.resolve("key.pem"));
        String keyBody = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertThat(added.out() + listed.out() + json.out()).doesNotContain("PRIVATE KEY").doesNotContain(keyBody);

        CommandRunner.Result removed = cli.run("certs:remove", "hello.localhost", "-a", "hello");
        assertThat(removed.out()).isEqualTo("Removed certificate hello.localhost from hello\n");
        assertThat(cli.run("certs", "-a", "hello").out()).startsWith("hello has no certificates");
        CommandRunner.Result again = cli.run("certs:remove", "hello.localhost", "-a", "hello");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("has no certificate hello.localhost").hasLineCount(1);
    }

    @Test
    void refusalsAreOneClearLineAndStoreNothing() throws Exception {
        Path one = selfSigned("one", "hello.localhost");
        Path two = selfSigned("two", "hello.localhost");
        Path elsewhere = selfSigned("three", "elsewhere.example.com");

        CommandRunner.Result mismatch = cli.run("certs:add", one.resolve("cert.pem").toString(), two.resolve("key.pem").toString(),
                "-a", "hello");
        CommandRunner.Result notCovered = cli.run("certs:add", elsewhere.resolve("cert.pem").toString(),
                elsewhere.resolve("key.pem").toString(), "-a", "hello");
        CommandRunner.Result missing = cli.run("certs:add", "nope.pem", one.resolve("key.pem").toString(), "-a", "hello");

        assertThat(mismatch.exit()).isEqualTo(1);
        assertThat(mismatch.err()).contains("The private key does not match the certificate").hasLineCount(1);
        assertThat(notCovered.err()).contains("none of the app's hosts (hello.localhost)");
        assertThat(missing.err()).contains("there is no certificate file");
        assertThat(api.store.certificates().certificates(AppName.of("hello"))).isEmpty();
    }

    @Test
    void setsTheRedirectToHttpsAndHsts() {
        assertThat(cli.run("https:force", "on", "-a", "hello").out())
                .isEqualTo("HTTP requests to hello are now redirected to HTTPS\n");
        assertThat(cli.run("https:hsts", "31536000", "--include-subdomains", "-a", "hello").exit()).isZero();
        assertThat(api.store.certificates().httpsSettings(AppName.of("hello")))
                .isEqualTo(new HttpsSettings(true, 31_536_000, true));

        CommandRunner.Result bad = cli.run("https:force", "maybe", "-a", "hello");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).contains("https:force takes on or off, not 'maybe'");
        assertThat(cli.run("https:hsts", "off", "-a", "hello").exit()).isZero();
        assertThat(api.store.certificates().httpsSettings(AppName.of("hello")))
                .isEqualTo(new HttpsSettings(true, 0, false));
    }

    @Test
    void certsAutoShowsEachHostsStateAndTheVerbsTurnAcmeOffAndOnForTheApp() {
        AppName hello = AppName.of("hello");
        java.time.Instant now = java.time.Instant.now();
        api.store.addDomain(hello, "www.hello.test", api.admin.id());
        api.store.addDomain(hello, "api.hello.test", api.admin.id());
        api.store.acme().recordStatus(new dev.ferry.core.store.AcmeHostStatus(hello, "www.hello.test",
                dev.ferry.core.store.AcmeHostStatus.State.WAITING_DNS,
                "www.hello.test resolves to 192.0.2.7, not Ferry (203.0.113.7)", 1, now.plusSeconds(30), now));

        CommandRunner.Result shown = cli.run("certs:auto", "-a", "hello");
        CommandRunner.Result info = cli.run("apps:info", "-a", "hello");

        assertThat(shown.exit()).as(shown.err()).isZero();
        assertThat(shown.out()).startsWith("Automatic certificates (ACME) for hello: on\n")
                .contains("HOST").contains("STATUS")
                .containsPattern("hello\\.localhost +never +- +no CA can check a \\.localhost name")
                .containsPattern("api\\.hello\\.test +pending")
                .containsPattern("www\\.hello\\.test +waiting for DNS +- +www\\.hello\\.test resolves to 192\\.0\\.2\\.7,"
                        + " not Ferry \\(203\\.0\\.113\\.7\\); checked again ");

        assertThat(info.out()).contains("Certificates:  ACME on; hello.localhost never; api.hello.test pending;"
                + " www.hello.test waiting for DNS (www.hello.test resolves to 192.0.2.7, not Ferry (203.0.113.7))");

        CommandRunner.Result off = cli.run("certs:auto:disable", "-a", "hello");

        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).startsWith("Automatic certificates (ACME) for hello: off (ferry certs:auto:enable -a hello"
                + " turns them on)").containsPattern("api\\.hello\\.test +disabled");
        assertThat(api.store.acme().autoCertificates(hello)).isFalse();
        assertThat(cli.run("certs:auto", "-a", "hello", "--json").out()).contains("\"enabled\":false")
                .contains("\"status\":\"disabled\"");

        CommandRunner.Result on = cli.run("certs:auto:enable", "-a", "hello");

        assertThat(on.out()).startsWith("Automatic certificates (ACME) for hello: on\n");
        assertThat(api.store.acme().autoCertificates(hello)).isTrue();
        assertThat(cli.run("certs:auto:disable", "-a", "nope").err()).contains("nope").hasLineCount(1);
    }
}
