package dev.ferry.cli.addons;

import dev.ferry.cli.output.TextTable;
import dev.ferry.core.api.AddonInfo;
import java.io.PrintWriter;
import java.util.List;

/** Prints add-ons as the API answers them: one table row each, or one add-on's details. */
final class AddonTable {

    private AddonTable() {
    }

    static void print(PrintWriter out, List<AddonInfo> addons, boolean colour) {
        TextTable table = new TextTable("NAME", "SERVICE", "PLAN", "APP", "ATTACHED AS");
        addons.forEach(a -> table.row(a.name(), a.service(), a.plan(), a.app(), attachments(a)));
        table.print(out, colour);
    }

    static void details(PrintWriter out, AddonInfo a) {
        out.println("=== " + a.name());
        line(out, "Service", a.service());
        line(out, "Plan", a.plan());
        line(out, "Owner app", a.app());
        line(out, "Resource", a.resource());
        if (a.keyPrefix() != null) {
            line(out, "Key prefix", a.keyPrefix() + " (every key and channel must start with it)");
        }
        if (a.server() != null) {
            line(out, "Server", a.server());
        }
        line(out, "Created", a.createdAt());
        line(out, "Attached", attachments(a));
    }

    private static String attachments(AddonInfo a) {
        return String.join(", ", a.attachments().stream().map(t -> t.app() + " as " + t.configVar()).toList());
    }

    private static void line(PrintWriter out, String label, String value) {
        out.println(String.format("%-11s %s", label + ":", value));
    }
}
