package dev.ferry.server.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's Chromium, headless, driven by Selenium through the system's {@code /usr/bin/chromedriver} (never a
 * downloaded browser or driver: Selenium Manager is not asked). Absent Chromium skips the test with a message,
 * except under CI ({@code CI} set), where it fails. Screenshots are written only when the system property
 * {@code ferry.dashboard.screenshots} names a directory (docs/dashboard/).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final ChromeDriverService service;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Starts Chromium, or skips the test (outside CI) when it is not installed. */
    static Browser start() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the dashboard's browser tests: install chromium and chromium-driver");
        }
        assumeTrue(present, "the dashboard's browser tests need Debian's chromium and chromium-driver "
                + "(/usr/bin/chromium, /usr/bin/chromedriver); skipped");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1024", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--proxy-server=direct://", "--proxy-bypass-list=*");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(service, driver);
    }

    /** What the browser's console said about the Content-Security-Policy since the last call: each a refusal. */
    List<String> contentSecurityPolicyViolations() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy")).toList();
    }

    /** Saves the whole window as {@code name}.png when screenshots are asked for. */
    void screenshot(String name) {
        screenshot(name, (TakesScreenshot) driver);
    }

    /** Saves one element (a chart, a section) as {@code name}.png when screenshots are asked for. */
    void screenshot(String name, org.openqa.selenium.WebElement element) {
        screenshot(name, (TakesScreenshot) element);
    }

    private static void screenshot(String name, TakesScreenshot what) {
        Optional<String> dir = Optional.ofNullable(System.getProperty("ferry.dashboard.screenshots")).filter(s -> !s.isBlank());
        if (dir.isEmpty()) {
            return;
        }
        try {
            Path out = Path.of(dir.get());
            Files.createDirectories(out);
            Files.write(out.resolve(name + ".png"), what.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
