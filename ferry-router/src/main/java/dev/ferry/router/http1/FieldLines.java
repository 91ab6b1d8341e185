package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * The field lines of one head as offsets relative to where the head starts: name start and end, value start and
 * end (without surrounding whitespace), the recognised {@link FieldName}, and whether a rule dropped the line.
 * Also reads one field line, with the syntax checks a request and a response head share. Reused per connection.
 */
final class FieldLines {

    private static final int SLOTS = 4; // name start, name end, value start, value end

    private int[] offsets = new int[SLOTS * 16];
    private FieldName[] names = new FieldName[16];
    private boolean[] dropped = new boolean[16];
    private int count;

    void clear() {
        count = 0;
    }

    int count() {
        return count;
    }

    FieldName name(int field) {
        return names[field];
    }

    int nameStart(int field) {
        return offsets[field * SLOTS];
    }

    int nameEnd(int field) {
        return offsets[field * SLOTS + 1];
    }

    int valueStart(int field) {
        return offsets[field * SLOTS + 2];
    }

    int valueEnd(int field) {
        return offsets[field * SLOTS + 3];
    }

    void drop(int field) {
        dropped[field] = true;
    }

    boolean isDropped(int field) {
        return dropped[field];
    }

    /** The first field named {@code name}, or -1. */
    int first(FieldName name) {
        for (int i = 0; i < count; i++) {
            if (names[i] == name) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads the field line at {@code [start, end)} of {@code buf} (offsets relative to {@code base}, CRLF
     * excluded) and records it; answers what is wrong with it, or null. Refused: a line starting with a space or
     * tab (obsolete folding), a name that is not a token or has whitespace before its colon, a value with a
     * control character other than tab.
     */
    String read(ByteBuf buf, int base, int start, int end) {
        byte first = buf.getByte(base + start);
        if (first == ' ' || first == '\t') {
            return "a field line starts with whitespace (obsolete line folding)";
        }
        int i = start;
        while (i < end && Ascii.isTokenChar(buf.getByte(base + i))) {
            i++;
        }
        if (i == start || i == end || buf.getByte(base + i) != ':') {
            return "invalid header name";
        }
        int nameEnd = i++;
        while (i < end && isWhitespace(buf.getByte(base + i))) {
            i++;
        }
        int valueStart = i;
        int valueEnd = i;
        for (; i < end; i++) {
            byte b = buf.getByte(base + i);
            if (!Ascii.isFieldValueChar(b)) {
                return "invalid character in a header value";
            }
            if (!isWhitespace(b)) {
                valueEnd = i + 1;
            }
        }
        add(FieldName.of(buf, base + start, base + nameEnd), start, nameEnd, valueStart, valueEnd);
        return null;
    }

    private void add(FieldName name, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        if (count == names.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            names = Arrays.copyOf(names, names.length * 2);
            dropped = Arrays.copyOf(dropped, dropped.length * 2);
        }
        int s = count * SLOTS;
        offsets[s] = nameStart;
        offsets[s + 1] = nameEnd;
        offsets[s + 2] = valueStart;
        offsets[s + 3] = valueEnd;
        names[count] = name;
        dropped[count] = false;
        count++;
    }

    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }
}
