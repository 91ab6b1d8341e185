package dev.ferry.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.testing.CommandRunner;
import dev.ferry.testing.PlatformExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import dev.ferry.core.log.LogLine;
import dev.ferry.core.store.AppName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser (Debian's Chromium through Selenium): sign in with a token, see a pushed app run,
 * scale it, roll it back, tail its logs, chart its traffic; another user's app is refused, a change without the
 * CSRF token is refused, and every page carries the Content-Security-Policy. One Chromium serves the whole class.
 */
class DashboardBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Browser browser;

    @RegisterExtension
    final PlatformExtension<RuntimePlatform> platform = PlatformExtension.starting(RuntimePlatform::new);

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RuntimePlatform ferry;
    private String base;

    @BeforeAll
    static void startChromium() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopChromium() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void prepare() throws Exception {
        ferry = platform.get();
        base = "http://127.0.0.1:" + ferry.platform.apiPort();
        browser.driver.manage().window().setSize(new Dimension(1280, 1024));
        browser.driver.get(base + "/sign-in");
        browser.driver.manage().deleteAllCookies();
        browser.contentSecurityPolicyViolations(); // what earlier tests left in the console
    }

    @Test
    void showsAPushedAppThatTheBrowserScalesRollsBackTailsAndCharts() throws Exception {
        ferry.createApp("hello");
        PythonApp app = PythonApp.create(work.resolve("app"), work.resolve("home"), ferry.token);
        assertThat(app.push(ferry.remote("hello")).exit()).isZero();

        signIn(ferry.token);
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
            browser.driver.navigate().refresh();
            assertThat(text("tr[data-app='hello'] .state")).isEqualTo("running");
        });
        browser.screenshot("apps");

        browser.driver.findElement(By.linkText("hello")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> upInstances() == 1);
        WebElement web = browser.driver.findElement(By.id("scale-web"));
        web.clear();
        web.sendKeys("2", Keys.ENTER); // the keyboard alone submits the form

        await().atMost(Duration.ofSeconds(30)).until(() -> upInstances() == 2);
        assertThat(ferry.up("hello", "web")).isEqualTo(2);

        assertThat(ferry.admin.patch("/api/apps/hello/config", "{\"GREETING\":\"hi\"}").statusCode()).isEqualTo(200);
        browser.driver.navigate().refresh();
        await().atMost(Duration.ofSeconds(10)).until(() -> !browser.driver.findElements(
                By.cssSelector("tr[data-release='2']")).isEmpty());
        browser.driver.findElement(By.cssSelector("button[aria-label='Roll back to v1']")).click();
        await().atMost(Duration.ofSeconds(40)).ignoreExceptions().untilAsserted(() ->
                assertThat(text("tr[data-release='3']")).contains("Rollback to v1").contains("succeeded"));

        for (int i = 0; i < 40; i++) {
            assertThat(ferry.admin.viaRouter("hello.localhost", "/burst").statusCode()).isEqualTo(200);
        }
        browser.driver.manage().window().setSize(new Dimension(1280, 3400));
        browser.driver.navigate().refresh();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            WebElement traffic = browser.driver.findElement(By.id("traffic"));
            assertThat(traffic.getDomAttribute("data-requests")).isNotNull();
            assertThat(Long.parseLong(traffic.getDomAttribute("data-requests"))).isGreaterThanOrEqualTo(40);
            // requests by status class, latency, bytes; the instances' CPU and memory
            assertThat(traffic.findElements(By.cssSelector("[data-chart] canvas"))).hasSize(5);
        });
        Thread.sleep(300); // let the instances' uptime and the charts settle for the picture
        browser.screenshot("app");
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            browser.driver.navigate().refresh(); // the sampler measures every 10 s
            assertThat(browser.driver.findElement(By.id("traffic")).getDomAttribute("data-measured")).isEqualTo("true");
        });
        Thread.sleep(300);
        WebElement cpu = browser.driver.findElement(By.cssSelector("[data-chart='cpu']")).findElement(By.xpath(".."));
        WebElement memory = browser.driver.findElement(By.cssSelector("[data-chart='memory']")).findElement(By.xpath(".."));
        browser.screenshot("chart-cpu", cpu);
        browser.screenshot("chart-memory", memory);
        browser.driver.manage().window().setSize(new Dimension(1280, 1024));

        browser.driver.get(base + "/apps/hello/logs");
        await().atMost(Duration.ofSeconds(10)).until(() -> "live".equals(
                browser.driver.findElement(By.id("log")).getDomAttribute("data-state")));
        String probe = "/probe-" + UUID.randomUUID();
        assertThat(ferry.admin.viaRouter("hello.localhost", probe).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .until(() -> browser.driver.findElement(By.id("log")).getText().contains(probe));
        browser.screenshot("logs");
        new Select(browser.driver.findElement(By.id("log-source"))).selectByVisibleText("app");
        await().atMost(Duration.ofSeconds(5)).until(() -> "live".equals(
                browser.driver.findElement(By.id("log")).getDomAttribute("data-state")));
        assertThat(ferry.admin.viaRouter("hello.localhost", probe + "-again").statusCode()).isEqualTo(200);
        Thread.sleep(1000);
        assertThat(browser.driver.findElement(By.id("log")).getText()).doesNotContain("router[router]");
        long started = System.nanoTime();
        for (int i = 1; i <= 3000; i++) { // 1,000 lines a second for 3 s
            ferry.platform.appLogs().append(new LogLine(Instant.now(), AppName.of("hello"), LogLine.APP, "web.1", "busy " + i));
            if (i % 100 == 0) {
                Thread.sleep(Math.max(0, i - (System.nanoTime() - started) / 1_000_000));
            }
        }
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100))
                .until(() -> browser.driver.findElement(By.id("log")).getText().endsWith("busy 3000"));
        WebElement log = browser.driver.findElement(By.id("log"));
        assertThat(log.getText().lines().count()).isLessThanOrEqualTo(1000);
        assertThat((Long) browser.driver.executeScript("return arguments[0].childNodes.length", log))
                .as("one text node, however many lines came").isLessThanOrEqualTo(1);
        assertThat((Long) browser.driver.executeScript("return document.getElementsByTagName('*').length"))
                .as("the page's elements stay few").isLessThan(200);
        WebElement toggle = browser.driver.findElement(By.id("log-toggle"));
        toggle.sendKeys(Keys.ENTER); // still answers the keyboard after the burst
        await().atMost(Duration.ofSeconds(5)).until(() -> "paused".equals(text("#log-state")));
        assertThat(toggle.getText()).isEqualTo("Resume");
        toggle.sendKeys(Keys.ENTER);
        await().atMost(Duration.ofSeconds(5)).until(() -> "live".equals(log.getDomAttribute("data-state")));

        browser.driver.get(base + "/apps/hello");
        browser.driver.findElement(By.cssSelector("#f-builds a")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() ->
                !browser.driver.findElement(By.id("build-output")).getText().isBlank());
        browser.screenshot("build");
        for (String page : List.of("routes", "tcp-routes", "tunnels")) {
            browser.driver.get(base + "/admin/" + page);
            assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isNotBlank();
            browser.screenshot("admin-" + page);
        }
        assertThat(text("main")).doesNotContain("Refused");
        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
    }

    @Test
    void listsAHundredAppsEachReachableWithTheKeyboard() throws Exception {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (int i = 1; i <= 100; i++) {
            String name = String.format("app-%03d", i);
            assertThat(ferry.admin.post("/api/apps", "{\"name\":\"" + name + "\"}").statusCode()).isEqualTo(201);
            names.add(name);
        }

        signIn(ferry.token);

        assertThat(text("table.apps caption")).isEqualTo("100 apps");
        assertThat(browser.driver.findElements(By.cssSelector("tr[data-app]"))).hasSize(100);
        assertThat(browser.driver.findElements(By.cssSelector("tr[data-app] th a")))
                .extracting(a -> a.getDomAttribute("href")).containsExactlyInAnyOrderElementsOf(
                        names.stream().map(n -> "/apps/" + n).toList());
        java.util.Set<String> reached = new java.util.TreeSet<>();
        org.openqa.selenium.interactions.Actions keyboard = new org.openqa.selenium.interactions.Actions(browser.driver);
        for (int press = 0; press < 150 && reached.size() < 100; press++) {
            keyboard.sendKeys(Keys.TAB).perform();
            Object href = browser.driver.executeScript(
                    "var a = document.activeElement; return a && a.closest('tr[data-app]') ? a.getAttribute('href') : null");
            if (href != null) {
                reached.add(href.toString().substring("/apps/".length()));
            }
        }
        assertThat(reached).as("every app's link takes the focus with Tab").isEqualTo(names);
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat(awaitText("h1")).isEqualTo(reached.stream().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void refusesAnotherUsersAppAndAChangeWithoutTheCsrfToken() throws Exception {
        ferry.createApp("hello");
        HttpResponse<String> created = ferry.admin.post("/api/users", "{\"email\":\"bob@example.com\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String bobToken = JSON.readTree(created.body()).get("token").asText();
        Api bob = new Api(ferry.platform.apiPort(), ferry.platform.httpPort(), bobToken);
        assertThat(bob.post("/api/apps", "{\"name\":\"bobs\"}").statusCode()).isEqualTo(201);

        browser.driver.get(base + "/");
        browser.screenshot("sign-in");
        browser.driver.findElement(By.id("token")).sendKeys("ferry_not-a-token");
        browser.driver.findElement(By.cssSelector("form.sign-in button")).click();
        assertThat(awaitText("[role='alert']")).contains("not valid");
        assertThat(browser.driver.manage().getCookieNamed("ferry_session")).isNull();

        CommandRunner.Result link = new Cli(ferry.platform.apiPort(), bobToken, work.resolve("bob")).run("dashboard");
        assertThat(link.exit()).as(link.err()).isZero();
        Matcher url = Pattern.compile("http://\\S+/sign-in/link\\?code=\\S+").matcher(link.out());
        assertThat(url.find()).as(link.out()).isTrue();
        browser.driver.get(url.group());
        browser.driver.findElement(By.cssSelector("main form button")).click();
        assertThat(awaitText("tr[data-app='bobs'] th")).isEqualTo("bobs");
        assertThat(browser.driver.findElements(By.cssSelector("tr[data-app='hello']"))).isEmpty();
        browser.driver.get(url.group());
        assertThat(awaitText("[role='alert']")).contains("already used");

        browser.driver.get(base + "/apps/hello");
        assertThat(text("h1")).isEqualTo("Not found");
        assertThat(text("main")).contains("hello");

        Cookie session = browser.driver.manage().getCookieNamed("ferry_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        browser.driver.get(base + "/apps/bobs");
        String csrf = browser.driver.findElement(By.cssSelector("meta[name='csrf-token']")).getDomAttribute("content");
        HttpResponse<String> forged = withSession(session, "PATCH", "/api/apps/bobs/formation", "{\"web\":3}", null);
        assertThat(forged.statusCode()).as(forged.body()).isEqualTo(403);
        assertThat(forged.body()).contains("csrf_refused");
        HttpResponse<String> wrong = withSession(session, "PATCH", "/api/apps/bobs/config", "{\"A\":\"1\"}", "nope");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(bob.get("/api/apps/bobs/config").body()).size()).isZero();
        assertThat(withSession(session, "PATCH", "/api/apps/bobs/config", "{\"A\":\"1\"}", csrf).statusCode()).isEqualTo(200);
        assertThat(withSession(session, "GET", "/api/apps/hello", null, csrf).statusCode()).isEqualTo(404);

        HttpResponse<String> page = withSession(session, "GET", "/apps/bobs", null, null);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval"));
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)");
        assertThat(page.body()).doesNotContain(" style=");
        browser.driver.get(base + "/apps/bobs");
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> browser.driver.findElement(By.id("config-key")).isDisplayed());
        browser.driver.findElement(By.id("config-key")).sendKeys("COLOR");
        browser.driver.findElement(By.id("config-value")).sendKeys("teal", Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> text("#f-config table").contains("COLOR"));
        assertThat(text("#f-config table")).doesNotContain("teal");
        browser.driver.findElement(By.xpath("//button[normalize-space()='Reveal values']")).click();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> text("#f-config table").contains("teal"));
        JsonNode revoked = JSON.readTree(bob.get("/api/tokens").body());
        assertThat(bob.delete("/api/tokens/" + revoked.get(0).get("id").asText()).statusCode()).isEqualTo(204);
        browser.driver.get(base + "/apps/bobs");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/sign-in");
    }

    private HttpResponse<String> withSession(Cookie session, String method, String path, String body, String csrf)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Cookie", session.getName() + "=" + session.getValue())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void signIn(String token) {
        browser.driver.get(base + "/");
        assertThat(browser.driver.getCurrentUrl()).endsWith("/sign-in");
        browser.driver.findElement(By.id("token")).sendKeys(token, Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> text("h1").equals("Apps"));
    }

    private long upInstances() {
        return browser.driver.findElements(By.cssSelector("#f-instances tr[data-state='up']")).size();
    }

    /** The text of an element a navigation started by a click will show; a click does not wait for the new page. */
    private String awaitText(String css) {
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> browser.driver.findElement(By.cssSelector(css)).isDisplayed());
        return text(css);
    }

    private String text(String css) {
        return browser.driver.findElement(By.cssSelector(css)).getText();
    }
}
