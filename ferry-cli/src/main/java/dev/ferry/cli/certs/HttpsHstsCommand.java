package dev.ferry.cli.certs;

import dev.ferry.cli.CliEnvironment;
import dev.ferry.cli.CliFailure;
import dev.ferry.cli.api.ApiClient;
import dev.ferry.cli.support.ApiCommand;
import dev.ferry.cli.support.AppOption;
import dev.ferry.core.api.HttpsSettingsInfo;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ferry https:hsts MAX_AGE|off [--include-subdomains]}: the {@code Strict-Transport-Security} header the
 * router adds to the app's HTTPS responses; {@code off} (or 0) removes it.
 */
@Command(name = "https:hsts", mixinStandardHelpOptions = true,
        description = "Send Strict-Transport-Security with the app's HTTPS responses (max-age in seconds, or off).")
public final class HttpsHstsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(index = "0", paramLabel = "MAX_AGE|off", description = "max-age in seconds (e.g. 31536000, one year), or off.")
    String maxAge;

    @Option(names = "--include-subdomains", description = "Add includeSubDomains to the header.")
    boolean includeSubdomains;

    public HttpsHstsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run(ApiClient api, PrintWriter out) {
        long seconds;
        if (maxAge.equals("off")) {
            seconds = 0;
        } else {
            try {
                seconds = Long.parseLong(maxAge);
            } catch (NumberFormatException e) {
                throw new CliFailure("https:hsts takes a max-age in seconds or off, not '" + maxAge + "'");
            }
        }
        String name = app.name(env);
        long maxAgeSeconds = seconds;
        api.typed(() -> api.certificates().changeHttps(name,
                new HttpsSettingsInfo(null, maxAgeSeconds, includeSubdomains)));
        out.println(seconds == 0 ? "HSTS is off for " + name
                : name + " now sends Strict-Transport-Security: max-age=" + seconds
                        + (includeSubdomains ? "; includeSubDomains" : "") + " over HTTPS");
    }
}
