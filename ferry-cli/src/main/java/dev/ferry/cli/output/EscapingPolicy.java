package dev.ferry.cli.output;

/**
 * Implemented by a command whose output needs other {@link Escaping} than {@link Escaping#ALL}; asked after its
 * options are parsed, before it runs.
 */
public interface EscapingPolicy {

    /** How this invocation's standard output is escaped. */
    Escaping escaping();
}
