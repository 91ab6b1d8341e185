package dev.ferry.core.store;

import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * The name of an app, which is also the first label of its default host name ({@code hello.localhost}).
 *
 * <p>Heroku's rules: 3 to 30 characters, lowercase letters, digits and dashes, starting with a letter and
 * ending with a letter or a digit (a DNS label cannot end with a dash). {@link #random} makes a readable
 * name such as {@code gentle-river-4821} for {@code apps:create} without a name.
 *
 * <p>A new app's name must also pass {@link #checkNew}: it may not contain {@value #TUNNEL_SEPARATOR}, which
 * separates an app's name from the label of its tunnel preview name ({@code <app>--dev.<domain>}), so that no
 * app's default host {@code <app>.<domain>} can be another app's preview name. Names made before that rule are
 * still read.
 */
public record AppName(String value) implements Comparable<AppName> {

    /** The shortest name allowed. */
    public static final int MIN_LENGTH = 3;
    /** The longest name allowed. */
    public static final int MAX_LENGTH = 30;

    private static final Pattern RULE = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");

    private static final List<String> ADJECTIVES = List.of(
            "amber", "bold", "brave", "calm", "clever", "cosmic", "crisp", "daring", "eager", "fancy",
            "gentle", "golden", "happy", "hidden", "jolly", "keen", "lively", "lucky", "mellow", "misty",
            "nimble", "polar", "proud", "quiet", "rapid", "rustic", "shiny", "silent", "snowy", "solar",
            "steady", "sunny", "swift", "tidy", "vast", "vivid", "warm", "wild", "wise", "young");
    private static final List<String> NOUNS = List.of(
            "badger", "beacon", "brook", "canyon", "cedar", "cloud", "comet", "coral", "dawn", "delta",
            "falcon", "fern", "field", "forest", "harbor", "island", "lake", "leaf", "meadow", "moon",
            "oasis", "ocean", "otter", "peak", "pine", "planet", "prairie", "rain", "reef", "river",
            "shadow", "shore", "sky", "spring", "star", "stone", "sun", "thunder", "valley", "wave");

    /**
     * @throws IllegalArgumentException with a sentence naming the rule the value breaks
     */
    public AppName {
        Objects.requireNonNull(value, "value");
        if (value.length() < MIN_LENGTH || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("app name '" + value + "' must be " + MIN_LENGTH + " to "
                    + MAX_LENGTH + " characters long");
        }
        if (!RULE.matcher(value).matches()) {
            throw new IllegalArgumentException("app name '" + value + "' must start with a letter, end with a letter"
                    + " or digit, and contain only lowercase letters, digits and dashes");
        }
    }

    /** What separates an app's name from the rest of the first label of its tunnel preview name. */
    public static final String TUNNEL_SEPARATOR = "--";

    /**
     * The name for a new app: valid, and without {@value #TUNNEL_SEPARATOR}.
     *
     * @throws IllegalArgumentException with a sentence naming the rule the value breaks
     */
    public static AppName checkNew(String value) {
        AppName name = new AppName(value);
        if (value.contains(TUNNEL_SEPARATOR)) {
            throw new IllegalArgumentException("app name '" + value + "' must not contain '" + TUNNEL_SEPARATOR
                    + "', which separates app names from tunnel preview names (<app>" + TUNNEL_SEPARATOR + "dev.<domain>)");
        }
        return name;
    }

    /** The app name {@code value}, validated. */
    public static AppName of(String value) {
        return new AppName(value);
    }

    /** True when {@code value} follows the rules. */
    public static boolean isValid(String value) {
        return value != null && value.length() >= MIN_LENGTH && value.length() <= MAX_LENGTH
                && RULE.matcher(value).matches();
    }

    /** A readable random name: adjective, noun and four digits, as in {@code gentle-river-4821}. */
    public static AppName random(RandomGenerator random) {
        String adjective = ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
        String noun = NOUNS.get(random.nextInt(NOUNS.size()));
        return new AppName(adjective + "-" + noun + "-" + (1000 + random.nextInt(9000)));
    }

    @Override
    public int compareTo(AppName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
