package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Gives every request an {@code X-Request-Id}: a single id sent by the client goes on unchanged when it has 1 to
 * {@value #MAX_LENGTH} characters from {@code [A-Za-z0-9._:/+=-]}; anything else (missing, repeated, too long,
 * unsafe) is dropped and replaced by a random UUID. The id is kept on the head for the response's echo.
 */
final class RequestIdRule implements HeadRule {

    static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 200;

    @Override
    public RequestRefused apply(RequestHead head) {
        int sent = -1;
        int count = 0;
        for (int i = 0; i < head.fieldCount(); i++) {
            if (head.name(i) == FieldName.X_REQUEST_ID) {
                sent = i;
                count++;
            }
        }
        if (count == 1 && isSafe(head, head.valueStart(sent), head.valueEnd(sent))) {
            head.requestId = head.valueText(sent);
            return null;
        }
        for (int i = 0; count > 0 && i < head.fieldCount(); i++) {
            if (head.name(i) == FieldName.X_REQUEST_ID) {
                head.drop(i);
            }
        }
        head.requestId = generate();
        head.added.add(HEADER, head.requestId);
        return null;
    }

    private static boolean isSafe(RequestHead head, int start, int end) {
        if (start == end || end - start > MAX_LENGTH) {
            return false;
        }
        for (int i = start; i < end; i++) {
            byte c = head.byteAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '.' || c == '_' || c == ':' || c == '/' || c == '+' || c == '=' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** A random (version 4) UUID from the thread's own generator, which needs no lock. */
    static String generate() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
