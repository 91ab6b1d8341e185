package dev.ferry.cli.ps;

import dev.ferry.cli.CliFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One argument of {@code ps:scale}: {@code web=2} sets a quantity, {@code web+1} and {@code web-1} change the
 * current one (never below 0).
 *
 * @param type     the process type
 * @param operator {@code '='}, {@code '+'} or {@code '-'}
 * @param amount   the quantity or the change
 */
record ScaleChange(String type, char operator, int amount) {

    private static final Pattern FORM = Pattern.compile("([^=+\\-]+)([=+\\-])(.*)");

    static ScaleChange parse(String argument) {
        Matcher m = FORM.matcher(argument);
        if (!m.matches()) {
            throw new CliFailure("'" + argument + "' is not TYPE=N, TYPE+N or TYPE-N, as in web=2 or web+1");
        }
        try {
            return new ScaleChange(m.group(1), m.group(2).charAt(0), Integer.parseInt(m.group(3)));
        } catch (NumberFormatException e) {
            throw new CliFailure("'" + m.group(3) + "' in " + argument + " is not a number");
        }
    }

    boolean relative() {
        return operator != '=';
    }

    /** The quantity to ask for, given the type's current one. */
    int applyTo(int current) {
        return switch (operator) {
            case '+' -> current + amount;
            case '-' -> Math.max(0, current - amount);
            default -> amount;
        };
    }
}
