package dev.ferry.runtime.logs.drain;

import dev.ferry.core.log.LogLine;
import dev.ferry.runtime.logs.HerokuLogFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A log line as an RFC 5424 message, the way Heroku's drains send them:
 * {@code <190>1 2026-11-24T14:00:00.123456+00:00 hello app web.1 - - text}. PRI 190 is facility local7,
 * severity info; HOSTNAME is the app's name (Heroku puts the drain token there; Ferry sends the token in the
 * HTTPS header and keeps the name, which tells apps apart in one receiver); APP-NAME is the source
 * ({@code app}, {@code router}, {@code ferry}); PROCID the process ({@code web.1}); MSGID and STRUCTURED-DATA
 * are nil. Framing is RFC 6587 octet counting: {@code LEN SP MSG}, LEN the message's UTF-8 byte count.
 */
public final class SyslogMessage {

    /** facility local7 (23) × 8 + severity informational (6). */
    public static final int PRI = 190;

    private SyslogMessage() {
    }

    /** The RFC 5424 message; characters RFC 5424 forbids in header fields become {@code _}. */
    public static String of(LogLine line) {
        return "<" + PRI + ">1 " + HerokuLogFormat.timestamp(line.at()) + " " + field(line.app().value(), 255) + " "
                + field(line.source(), 48) + " " + field(line.process(), 128) + " - - " + line.text();
    }

    /** One octet-counted frame. */
    public static byte[] frame(LogLine line) {
        byte[] msg = of(line).getBytes(StandardCharsets.UTF_8);
        byte[] len = (msg.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[len.length + msg.length];
        System.arraycopy(len, 0, out, 0, len.length);
        System.arraycopy(msg, 0, out, len.length, msg.length);
        return out;
    }

    /** The frames of {@code lines}, one after another. */
    public static byte[] frames(List<LogLine> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(lines.size() * 128);
        lines.forEach(l -> out.writeBytes(frame(l)));
        return out.toByteArray();
    }

    /** PRINTUSASCII without spaces, at most {@code max} long, {@code -} when empty. */
    private static String field(String value, int max) {
        if (value.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length() && out.length() < max; i++) {
            char c = value.charAt(i);
            out.append(c > 32 && c < 127 ? c : '_');
        }
        return out.toString();
    }
}
