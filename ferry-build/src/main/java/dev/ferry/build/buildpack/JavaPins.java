package dev.ferry.build.buildpack;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java version an app asks for ({@code java.runtime.version} in {@code system.properties}, Heroku's
 * convention, or {@code maven.compiler.release} / {@code java.version} in {@code pom.xml}) and the warning
 * when the JDK the build uses ({@code JAVA_HOME}, else {@code java} on {@code PATH}: {@link HostTools#javaMajor()})
 * is older: the build goes on with it.
 */
final class JavaPins {

    private static final Pattern POM_RELEASE = Pattern.compile(
            "<(maven\\.compiler\\.release|java\\.version)>\\s*([0-9.]+)\\s*</");

    private JavaPins() {
    }

    /** Logs a warning naming both versions when the app asks for a newer Java than the host's. */
    static void warnWhenHostIsOlder(BuildContext context) throws IOException {
        Path src = context.src();
        String wanted = null;
        String source = null;
        Path props = src.resolve("system.properties");
        if (Files.isRegularFile(props)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(props, StandardCharsets.ISO_8859_1)) {
                p.load(r);
            }
            wanted = p.getProperty("java.runtime.version");
            source = "system.properties java.runtime.version";
        }
        Path pom = src.resolve("pom.xml");
        if (wanted == null && Files.isRegularFile(pom)) {
            Matcher m = POM_RELEASE.matcher(Files.readString(pom, StandardCharsets.UTF_8));
            if (m.find()) {
                wanted = m.group(2);
                source = "pom.xml " + m.group(1);
            }
        }
        if (wanted == null) {
            return;
        }
        OptionalInt wantedMajor = major(wanted.strip());
        OptionalInt host = HostTools.javaMajor();
        if (wantedMajor.isEmpty() || host.isEmpty()) {
            context.log().detail(source + " is " + wanted + "; building with the host's JDK");
        } else if (wantedMajor.getAsInt() > host.getAsInt()) {
            context.log().detail("warning: " + source + " asks for Java " + wanted + " but the build's JDK is Java "
                    + host.getAsInt() + "; building and running with Java " + host.getAsInt());
        } else {
            context.log().detail(source + " is " + wanted + "; the build's JDK is Java " + host.getAsInt());
        }
    }

    /** {@code "17"} → 17, {@code "1.8"} → 8, {@code "21.0.2"} → 21. */
    static OptionalInt major(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        return HostTools.firstNumber(v);
    }
}
