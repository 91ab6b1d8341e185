package dev.ferry.router.http1;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * One client request head as offsets into the bytes it arrived in (relative to the buffer's reader index, so
 * a buffer that grows by copying keeps them valid): the method, the target, the version and
 * each field's name and value, with the {@link FieldName} recognised while parsing. Nothing is copied into a
 * {@code String} or a map; rules read the bytes in place, mark fields to drop and add the router's own fields,
 * and {@link BackendRequestWriter} copies every untouched field to the backend as it came.
 *
 * <p>Filled by {@link RequestHeadParser}, then {@link RequestHeadRules}. One instance per client connection,
 * reused for each request after {@link #reset}; the buffer stays owned by the caller and must stay readable
 * while the head is in use. Threading: the connection's event loop only.
 */
public final class RequestHead {

    /** How the request's body is framed, worked out by {@link FramingRule}. */
    public enum Body { NONE, LENGTH, CHUNKED }


    /** RFC 9110's methods and PATCH, most common first. */
    private static final String[] KNOWN_METHODS = {"GET", "POST", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"};

    ByteBuf buf;
    /** The reader index of {@link #buf}, where the head starts; every offset below is relative to it. */
    int base;
    int methodStart;
    int methodEnd;
    /** The method as its shared constant when it is a standard one, else null; resolved once by {@link #method(int, int)}. */
    private String knownMethod;
    int targetStart;
    int targetEnd;
    /** The minor version the client sent: 0 for HTTP/1.0, 1 for HTTP/1.1; above 1 served as 1.1. */
    int minorVersion;
    /** Offset just after the blank line that ends the head: the head's length. */
    int end;

    final FieldLines fields = new FieldLines();

    // what the rules work out
    Body body = Body.NONE;
    long contentLength;
    boolean upgrade;
    boolean keepAlive;
    boolean expectContinue;
    /** Start of the origin-form target within the target; {@link #targetStart} unless absolute form. */
    int originStart;
    /** An absolute-form target with only a query ({@code http://h?q}) whose origin form needs a leading slash. */
    boolean originNeedsSlash;
    /** The Host field's value, or for an HTTP/1.0 absolute-form request without Host the target's authority. */
    int hostStart;
    int hostEnd;
    /** The X-Request-Id the request goes on with, echoed on its response. */
    String requestId;
    /** The endpoint id the affinity cookie names, or null. */
    String affinityId;
    final AddedFields added = new AddedFields();

    /** The head's own bytes once it is complete and kept ({@link #keep}); null while it is parsed in place. */
    private ByteBuf kept;

    /**
     * Keeps the head's bytes as {@code slice} (a retained slice from its first byte), so that the buffer they
     * arrived in can be reused; the offsets stay valid since they are relative.
     */
    void keep(ByteBuf slice) {
        attach(slice);
        kept = slice;
    }

    /** True while kept bytes have not been released: an exchange still uses this head. */
    public boolean isInUse() {
        return kept != null;
    }

    /** Releases the kept bytes; the exchange calls this when it ends. */
    public void release() {
        if (kept != null) {
            kept.release();
            kept = null;
        }
    }

    /** Points the offsets at {@code buf}, whose reader index is where the head starts. */
    void attach(ByteBuf buf) {
        this.buf = buf;
        this.base = buf.readerIndex();
    }

    byte byteAt(int offset) {
        return buf.getByte(base + offset);
    }

    /** Forgets the previous request. */
    void reset() {
        fields.clear();
        requestId = null;
        affinityId = null;
        body = Body.NONE;
        contentLength = 0;
        upgrade = false;
        keepAlive = false;
        expectContinue = false;
        originNeedsSlash = false;
        hostStart = -1;
        hostEnd = -1;
        added.clear();
    }

    public int fieldCount() {
        return fields.count();
    }

    public FieldName name(int field) {
        return fields.name(field);
    }

    int nameStart(int field) {
        return fields.nameStart(field);
    }

    int nameEnd(int field) {
        return fields.nameEnd(field);
    }

    int valueStart(int field) {
        return fields.valueStart(field);
    }

    int valueEnd(int field) {
        return fields.valueEnd(field);
    }

    /** Leaves the field out of the head written to the backend. */
    void drop(int field) {
        fields.drop(field);
    }

    public boolean isDropped(int field) {
        return fields.isDropped(field);
    }

    /** The first field named {@code name}, or -1. */
    int first(FieldName name) {
        return fields.first(name);
    }

    /**
     * Sets the method's offsets and resolves a standard method to its constant, once per request: the rules, the
     * exchange and the access log ask for the method several times, and each comparison of the buffer's bytes
     * checked the buffer's index and reference count per byte.
     */
    void method(int start, int end) {
        methodStart = start;
        methodEnd = end;
        knownMethod = null;
        for (String known : KNOWN_METHODS) {
            if (bytesAre(known)) {
                knownMethod = known;
                return;
            }
        }
    }

    /** True when the method is exactly {@code upper} (methods are case-sensitive). */
    boolean methodIs(String upper) {
        return knownMethod != null ? knownMethod.equals(upper) : bytesAre(upper);
    }

    private boolean bytesAre(String upper) {
        int length = methodEnd - methodStart;
        if (length != upper.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (byteAt(methodStart + i) != upper.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True for a {@code HEAD} request, whose response has no body whatever it says. */
    public boolean isHeadMethod() {
        return methodIs("HEAD");
    }

    /** True when the request's host (see {@link #host()}) is exactly {@code text}; allocates nothing. */
    public boolean hostIs(String text) {
        if (hostStart < 0 || text == null || hostEnd - hostStart != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (byteAt(hostStart + i) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True from HTTP/1.1 on (a higher minor version is served as 1.1). */
    public boolean isHttp11() {
        return minorVersion >= 1;
    }

    public Body body() {
        return body;
    }

    /** The declared body length; meaningful when {@link #body()} is {@link Body#LENGTH}. */
    public long contentLength() {
        return contentLength;
    }

    public boolean isUpgrade() {
        return upgrade;
    }

    /** True when the client's connection stays open after this exchange (version default and Connection). */
    public boolean isKeepAlive() {
        return keepAlive;
    }

    public boolean expectsContinue() {
        return expectContinue;
    }

    /** The head's length in bytes, from the buffer's reader index to the end of its blank line. */
    public int length() {
        return end;
    }

    /** The endpoint id the request's affinity cookie names, or null; the cookie itself is not forwarded. */
    public String affinityId() {
        return affinityId;
    }

    /** The X-Request-Id the request is forwarded with and its response carries. */
    public String requestId() {
        return requestId;
    }

    /** The fields the router adds when it forwards the request. */
    public AddedFields added() {
        return added;
    }

    // Text views: for routing, logs and tests; each one allocates, so the forwarding path does not use them.

    /** The method; a standard one is its shared constant, so most requests make no text for it. */
    public String method() {
        return knownMethod != null ? knownMethod : text(methodStart, methodEnd);
    }

    public String target() {
        return text(targetStart, targetEnd);
    }

    /** The target as the backend receives it: origin form. */
    public String originTarget() {
        return originNeedsSlash ? "/" + text(originStart, targetEnd) : text(originStart, targetEnd);
    }

    /** True when the origin-form target starts with {@code prefix}; allocates nothing. */
    public boolean originTargetStartsWith(String prefix) {
        int from = originStart;
        int i = 0;
        if (originNeedsSlash) {
            if (!prefix.isEmpty() && prefix.charAt(0) != '/') {
                return false;
            }
            i = 1;
        }
        if (targetEnd - from < prefix.length() - i) {
            return false;
        }
        for (; i < prefix.length(); i++, from++) {
            if (byteAt(from) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The host the request names (Host, or the authority of an HTTP/1.0 absolute-form target), or null. */
    public String host() {
        return hostStart < 0 ? null : text(hostStart, hostEnd);
    }

    public String nameText(int field) {
        return text(nameStart(field), nameEnd(field));
    }

    public String valueText(int field) {
        return text(valueStart(field), valueEnd(field));
    }

    /** The value of the first field named {@code name}, or null. */
    public String value(FieldName name) {
        int i = first(name);
        return i < 0 ? null : valueText(i);
    }

    /** The value of the first field called {@code name} (any case), or null; for the rare paths (error pages). */
    public String value(String name) {
        for (int i = 0; i < fieldCount(); i++) {
            if (nameEnd(i) - nameStart(i) == name.length() && nameText(i).equalsIgnoreCase(name)) {
                return valueText(i);
            }
        }
        return null;
    }

    String text(int start, int end) {
        return buf.toString(base + start, end - start, StandardCharsets.ISO_8859_1);
    }
}
