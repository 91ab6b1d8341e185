package dev.ferry.cli.ps;

import dev.ferry.cli.CliFailure;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code --p95} of {@code ps:autoscale}: a duration such as {@code 500ms}, {@code 1.5s} or {@code 500} (bare
 * numbers are milliseconds, as Heroku takes them), in whole milliseconds. The range is the API's to check.
 */
final class P95Goal {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)(ms|s)?");

    private P95Goal() {
    }

    /** The milliseconds of {@code text}; a {@link CliFailure} naming the accepted forms otherwise. */
    static long parseMillis(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw refused(text);
        }
        BigDecimal millis = new BigDecimal(m.group(1)).multiply("s".equals(m.group(2)) ? BigDecimal.valueOf(1000)
                : BigDecimal.ONE);
        try {
            return millis.longValueExact();
        } catch (ArithmeticException e) {
            throw refused(text);
        }
    }

    private static CliFailure refused(String text) {
        return new CliFailure("--p95 must be a duration in whole milliseconds such as 500ms, 1.5s or 500 (ms), not '"
                + text + "'");
    }
}
