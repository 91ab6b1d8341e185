package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;

/**
 * Drops the fields that belong to the client's connection only (RFC 9110 §7.6.1): {@code Connection} and every
 * field it names, {@code Keep-Alive}, {@code Proxy-Connection}, {@code TE}, {@code Trailer},
 * {@code Transfer-Encoding}, {@code Upgrade} and {@code Proxy-Authorization}/{@code Proxy-Authenticate};
 * {@code Host} and {@code Content-Length} stay even when {@code Connection} names them. Works out from the same
 * tokens whether the client's connection stays open (HTTP/1.1 unless {@code close}, HTTP/1.0 only with
 * {@code keep-alive}) and whether the request asks to switch protocols ({@code Connection: upgrade} with an
 * {@code Upgrade} field), which keeps {@code Upgrade} and adds {@code Connection: upgrade}. A chunked body passes
 * with its chunks as they came, so it goes on with a {@code Transfer-Encoding: chunked} of the router's.
 */
final class HopByHopRule implements HeadRule {

    @Override
    public RequestRefused apply(RequestHead head) {
        int connection = ConnectionTokens.of(head.buf, head.base, head.fields);
        head.keepAlive = ConnectionTokens.keepAlive(connection, head.isHttp11());
        head.upgrade = (connection & ConnectionTokens.UPGRADE) != 0 && head.first(FieldName.UPGRADE) >= 0;
        HopByHopFields.drop(head.buf, head.base, head.fields, head.upgrade);
        if (head.upgrade) {
            head.added.add("Connection", "upgrade");
        }
        if (head.body == RequestHead.Body.CHUNKED) {
            head.added.add("Transfer-Encoding", "chunked");
        }
        return null;
    }
}
