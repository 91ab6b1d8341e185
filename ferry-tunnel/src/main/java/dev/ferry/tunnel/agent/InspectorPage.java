package dev.ferry.tunnel.agent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The inspector's JSON and HTML renderings of kept exchanges. */
final class InspectorPage {

    private InspectorPage() {
    }

    static String json(List<InspectedExchange> exchanges) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < exchanges.size(); i++) {
            InspectedExchange e = exchanges.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"id\":").append(e.id())
                    .append(",\"startedAt\":\"").append(e.startedAt()).append('"')
                    .append(",\"method\":\"").append(escape(e.method())).append('"')
                    .append(",\"uri\":\"").append(escape(e.uri())).append('"')
                    .append(",\"status\":").append(e.status())
                    .append(",\"millis\":").append(e.millis())
                    .append(",\"request\":");
            message(sb, e.requestHeaders(), e.requestBody(), e.requestTruncated());
            sb.append(",\"response\":");
            message(sb, e.responseHeaders(), e.responseBody(), e.responseTruncated());
            sb.append('}');
        }
        return sb.append(']').toString();
    }

    private static void message(StringBuilder sb, List<Map.Entry<String, String>> headers, byte[] body, boolean truncated) {
        sb.append("{\"headers\":[");
        for (int i = 0; i < headers.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("[\"").append(escape(headers.get(i).getKey())).append("\",\"")
                    .append(escape(headers.get(i).getValue())).append("\"]");
        }
        sb.append("],\"body\":\"").append(escape(new String(body, StandardCharsets.UTF_8)))
                .append("\",\"truncated\":").append(truncated).append('}');
    }

    static String html(List<InspectedExchange> exchanges) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>ferry tunnel inspector"
                + "</title></head><body><h1>Last " + exchanges.size() + " requests</h1><table>"
                + "<tr><th>#</th><th>method</th><th>path</th><th>status</th><th>ms</th><th></th></tr>");
        for (InspectedExchange e : exchanges) {
            sb.append("<tr><td>").append(e.id()).append("</td><td>").append(html(e.method())).append("</td><td><details><summary>")
                    .append(html(e.uri())).append("</summary><pre>");
            e.requestHeaders().forEach(h -> sb.append(html(h.getKey())).append(": ").append(html(h.getValue())).append('\n'));
            sb.append('\n').append(html(new String(e.requestBody(), StandardCharsets.UTF_8))).append("</pre><pre>");
            e.responseHeaders().forEach(h -> sb.append(html(h.getKey())).append(": ").append(html(h.getValue())).append('\n'));
            sb.append('\n').append(html(new String(e.responseBody(), StandardCharsets.UTF_8)))
                    .append("</pre></details></td><td>").append(e.status()).append("</td><td>").append(e.millis())
                    .append("</td><td><form method=\"post\" action=\"/api/requests/").append(e.id())
                    .append("/replay\"><button>replay</button></form></td></tr>");
        }
        return sb.append("</table></body></html>").toString();
    }

    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String html(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
