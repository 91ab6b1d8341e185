package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fields the router adds to a forwarded request head ({@code X-Forwarded-*}, {@code Forwarded},
 * {@code X-Real-IP}, {@code X-Request-Id}, {@code X-Request-Start}, {@code Via}), in the order they are
 * written after the client's own fields. Reused per connection; cleared for each request. A value that is a
 * number ({@link #add(String, long)}) is kept as the number and written as its digits, with no text made.
 */
public final class AddedFields {

    private final List<String> names = new ArrayList<>(12);
    private final List<String> values = new ArrayList<>(12);
    /** The value of each field added as a number; read only where {@link #values} holds null. */
    private long[] numbers = new long[12];

    /** Adds a field; names and values are written as ISO-8859-1 text. */
    public void add(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /** Adds a field whose value is {@code number}'s decimal digits. */
    public void add(String name, long number) {
        if (names.size() == numbers.length) {
            numbers = Arrays.copyOf(numbers, numbers.length * 2);
        }
        numbers[names.size()] = number;
        names.add(name);
        values.add(null);
    }

    public void clear() {
        names.clear();
        values.clear();
    }

    /** Writes the value of field {@code i} to {@code out} as ISO-8859-1 text. */
    void writeValue(int i, ByteBuf out) {
        String text = values.get(i);
        if (text != null) {
            out.writeCharSequence(text, StandardCharsets.ISO_8859_1);
        } else {
            Digits.write(numbers[i], out);
        }
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    /** The value of field {@code i} as text; one added as a number is made into text here. */
    public String value(int i) {
        String text = values.get(i);
        return text != null ? text : Long.toString(numbers[i]);
    }

    /** The value added under {@code name} (case-insensitive), or null. */
    public String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return value(i);
            }
        }
        return null;
    }
}
