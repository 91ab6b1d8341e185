package dev.ferry.control.dashboard;

import dev.ferry.core.store.App;
import dev.ferry.core.store.AppDomain;
import dev.ferry.core.store.AppStore;
import dev.ferry.core.store.Certificate;
import dev.ferry.core.store.CertificateStore;
import dev.ferry.core.store.Collaborator;
import dev.ferry.core.store.Drain;
import dev.ferry.core.store.DrainStore;
import dev.ferry.core.store.ReleaseStore;
import java.util.List;
import java.util.Map;

/**
 * The settings sections of an app's page, as {@link AppFragments} answers them: config vars (values masked until
 * the user asks to reveal them), domains and certificates, log drains and collaborators, each with the forms that
 * change it through the API ({@link ApiForm}).
 */
final class SettingsFragments {

    private static final String MASK = "••••••••";

    private final ReleaseStore releases;
    private final AppStore apps;
    private final DrainStore drains;
    private final CertificateStore certificates;

    SettingsFragments(ReleaseStore releases, AppStore apps, DrainStore drains, CertificateStore certificates) {
        this.releases = releases;
        this.apps = apps;
        this.drains = drains;
        this.certificates = certificates;
    }

    void config(Html h, App app, boolean reveal) {
        String name = app.name().value();
        Map<String, String> vars = releases.config(app.name()).asMap();
        if (vars.isEmpty()) {
            h.raw("<p>No config vars.</p>");
        } else {
            h.raw("<table class=\"config\"><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Value</th>")
                    .raw("<th scope=\"col\"><span class=\"sr\">Action</span></th></tr></thead><tbody>");
            vars.forEach((key, value) -> {
                h.raw("<tr>").element("th", key).raw("<td><code class=\"value\">").text(reveal ? value : MASK)
                        .raw("</code></td><td>");
                ApiForm.open(h, "PATCH", "/api/apps/" + name + "/config", "config", "Removed " + key + ".");
                ApiForm.hidden(h, "key", key);
                ApiForm.close(h, "Remove", "Remove " + key);
                h.raw("</td></tr>");
            });
            h.raw("</tbody></table>");
            String next = reveal ? "false" : "true";
            h.raw("<button type=\"button\" hx-get=\"/apps/").text(name).raw("/fragments/config?reveal=").raw(next)
                    .raw("\" hx-target=\"#f-config\">").text(reveal ? "Hide values" : "Reveal values").raw("</button>");
        }
        h.raw("<h3>Set a config var</h3>");
        ApiForm.open(h, "PATCH", "/api/apps/" + name + "/config", "config", "Config var set; a new release rolls out.");
        ApiForm.input(h, "config-key", "key", "Name", "text");
        ApiForm.input(h, "config-value", "value", "Value", "password");
        ApiForm.close(h, "Set", "Set config var");
    }

    void domains(Html h, App app) {
        String name = app.name().value();
        List<AppDomain> domains = apps.domains(app.name());
        if (domains.isEmpty()) {
            h.raw("<p>No custom domain.</p>");
        } else {
            h.raw("<ul class=\"plain\">");
            for (AppDomain d : domains) {
                h.raw("<li>").text(d.hostname()).raw(" ");
                ApiForm.open(h, "DELETE", "/api/apps/" + name + "/domains/{hostname}", "none", "Removed " + d.hostname() + ".");
                ApiForm.hidden(h, "hostname", d.hostname());
                ApiForm.close(h, "Remove", "Remove " + d.hostname());
                h.raw("</li>");
            }
            h.raw("</ul>");
        }
        ApiForm.open(h, "POST", "/api/apps/" + name + "/domains", "fields", "Domain added.");
        ApiForm.input(h, "domain-host", "hostname", "Host name", "text");
        ApiForm.close(h, "Add domain", "Add domain");
        List<Certificate> certs = certificates.certificates(app.name());
        h.raw("<h3>Certificates</h3>");
        if (certs.isEmpty()) {
            h.raw("<p>No certificate; add one with <code>ferry certs:add</code>.</p>");
            return;
        }
        h.raw("<table><thead><tr><th scope=\"col\">Name</th><th scope=\"col\">Host names</th><th scope=\"col\">Issuer</th>")
                .raw("<th scope=\"col\">Expires</th></tr></thead><tbody>");
        for (Certificate c : certs) {
            h.raw("<tr>").element("th", c.name()).element("td", String.join(", ", c.hostNames()))
                    .element("td", c.issuer()).element("td", Html.when(c.notAfter())).raw("</tr>");
        }
        h.raw("</tbody></table>");
    }

    void drains(Html h, App app) {
        String name = app.name().value();
        List<Drain> list = drains.drains(app.name());
        if (list.isEmpty()) {
            h.raw("<p>No log drain.</p>");
        } else {
            h.raw("<ul class=\"plain\">");
            for (Drain d : list) {
                h.raw("<li><code>").text(d.url()).raw("</code> ");
                ApiForm.open(h, "DELETE", "/api/apps/" + name + "/drains/{drain}", "none", "Drain removed.");
                ApiForm.hidden(h, "drain", d.token());
                ApiForm.close(h, "Remove", "Remove drain " + d.url());
                h.raw("</li>");
            }
            h.raw("</ul>");
        }
        ApiForm.open(h, "POST", "/api/apps/" + name + "/drains", "fields", "Drain added.");
        ApiForm.input(h, "drain-url", "url", "Drain URL (syslog+tls://, https://)", "url");
        ApiForm.close(h, "Add drain", "Add drain");
    }

    void collaborators(Html h, App app) {
        String name = app.name().value();
        h.raw("<ul class=\"plain\">");
        for (Collaborator c : apps.collaborators(app.name())) {
            h.raw("<li>").text(c.user().email()).raw(c.owner() ? " (owner)" : " ");
            if (!c.owner()) {
                ApiForm.open(h, "DELETE", "/api/apps/" + name + "/collaborators/{email}", "none", "Collaborator removed.");
                ApiForm.hidden(h, "email", c.user().email());
                ApiForm.close(h, "Remove", "Remove " + c.user().email());
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
        ApiForm.open(h, "POST", "/api/apps/" + name + "/collaborators", "fields", "Collaborator added.");
        ApiForm.input(h, "collaborator-email", "email", "E-mail", "email");
        ApiForm.close(h, "Add collaborator", "Add collaborator");
    }
}
