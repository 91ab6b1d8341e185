package dev.ferry.cli.addons;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.cli.output.TextTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Prints add-ons as the API answers them: one table row each, or one add-on's details. */
final class AddonTable {

    private AddonTable() {
    }

    static void print(PrintWriter out, JsonNode addons, boolean colour) {
        TextTable table = new TextTable("NAME", "SERVICE", "PLAN", "APP", "ATTACHED AS");
        addons.forEach(a -> table.row(a.path("name").asText(), a.path("service").asText(), a.path("plan").asText(),
                a.path("app").asText(), attachments(a)));
        table.print(out, colour);
    }

    static void details(PrintWriter out, JsonNode a) {
        out.println("=== " + a.path("name").asText());
        line(out, "Service", a.path("service").asText());
        line(out, "Plan", a.path("plan").asText());
        line(out, "Owner app", a.path("app").asText());
        line(out, "Resource", a.path("resource").asText());
        if (a.has("keyPrefix")) {
            line(out, "Key prefix", a.path("keyPrefix").asText() + " (every key and channel must start with it)");
        }
        if (a.has("server")) {
            line(out, "Server", a.path("server").asText());
        }
        line(out, "Created", a.path("createdAt").asText());
        line(out, "Attached", attachments(a));
    }

    private static String attachments(JsonNode a) {
        List<String> parts = new ArrayList<>();
        a.path("attachments").forEach(t -> parts.add(t.path("app").asText() + " as " + t.path("configVar").asText()));
        return String.join(", ", parts);
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println(String.format("%-11s %s", label + ":", value));
    }
}
