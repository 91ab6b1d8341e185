package dev.ferry.control.dashboard;

import dev.ferry.core.store.User;

/**
 * The frame of every dashboard page: head (styles, htmx and the dashboard's own scripts, all served by Ferry,
 * none inline), a skip link, the navigation (admins also see routes, TCP routes and tunnels), the user and the
 * sign-out button, then the page's {@code <main>} and a polite live region where changes report their outcome.
 */
final class Layout {

    private Layout() {
    }

    /** A page for a signed-in user. */
    static String page(String title, DashboardSessions.Session session, String main) {
        User user = session.user();
        Html h = head(title, session.csrf());
        h.raw("<header class=\"top\"><a class=\"brand\" href=\"/\">Ferry</a><nav aria-label=\"Main\"><ul>")
                .raw("<li><a href=\"/\">Apps</a></li>");
        if (user.admin()) {
            h.raw("<li><a href=\"/admin/routes\">Routes</a></li><li><a href=\"/admin/tcp-routes\">TCP routes</a></li>")
                    .raw("<li><a href=\"/admin/tunnels\">Tunnels</a></li>");
        }
        h.raw("</ul></nav><div class=\"who\"><span>").text(user.email()).raw(user.admin() ? " (admin)" : "")
                .raw("</span><form method=\"post\" action=\"/sign-out\">").csrf(session.csrf())
                .raw("<button type=\"submit\">Sign out</button></form></div></header>");
        return h.raw("<main id=\"main\" tabindex=\"-1\">").raw(main).raw("</main>").raw(foot()).toString();
    }

    /** A page for someone not signed in (sign-in, one-time link). */
    static String publicPage(String title, String main) {
        return head(title, "").raw("<header class=\"top\"><span class=\"brand\">Ferry</span></header>")
                .raw("<main id=\"main\" tabindex=\"-1\">").raw(main).raw("</main>").raw(foot()).toString();
    }

    private static Html head(String title, String csrf) {
        return new Html().raw("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .raw("<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false,\"allowEval\":false,"
                        + "\"allowScriptTags\":false}'>")
                .raw("<meta name=\"csrf-token\" content=\"").text(csrf).raw("\">")
                .raw("<title>").text(title).raw(" · Ferry</title>")
                .raw("<link rel=\"stylesheet\" href=\"/assets/vendor/uPlot.min.css\">")
                .raw("<link rel=\"stylesheet\" href=\"/assets/dashboard.css\">")
                .raw("<script src=\"/assets/vendor/htmx.min.js\" defer></script>")
                .raw("<script src=\"/assets/vendor/uPlot.iife.min.js\" defer></script>")
                .raw("<script src=\"/assets/dashboard.js\" defer></script>")
                .raw("<script src=\"/assets/stream.js\" defer></script>")
                .raw("<script src=\"/assets/charts.js\" defer></script>")
                .raw("<script src=\"/assets/autoscale.js\" defer></script>")
                .raw("</head><body><a class=\"skip\" href=\"#main\">Skip to content</a>");
    }

    private static String foot() {
        return "<div id=\"status\" class=\"status\" role=\"status\" aria-live=\"polite\"></div></body></html>";
    }
}
