package dev.ferry.control.dashboard;

/**
 * The markup of a form that changes something through the JSON API: {@code dashboard.js} sends it with
 * {@code method} to {@code path} (a {@code {field}} in the path is replaced by that field's value, URL-encoded), with
 * the session's CSRF token in a header, then reloads the page's sections or shows the API's error sentence.
 * Bodies: {@code fields} (the named inputs as strings), {@code numbers} (as integers), {@code config} (one
 * {@code key}/{@code value} pair as {@code {"KEY":"VALUE"}}, or {@code {"KEY":null}} without a value field), or a
 * fixed JSON text.
 */
final class ApiForm {

    private ApiForm() {
    }

    /** Opens the form; the caller adds labelled inputs, a submit button, then {@link #close}. */
    static Html open(Html h, String method, String path, String body, String done) {
        return h.raw("<form class=\"api\" data-api-method=\"").text(method).raw("\" data-api-path=\"").text(path)
                .raw("\" data-api-body=\"").text(body).raw("\" data-done=\"").text(done).raw("\">");
    }

    /** Opens a form whose body is the fixed JSON text {@code json}. */
    static Html openWithJson(Html h, String method, String path, String json, String done) {
        return h.raw("<form class=\"api\" data-api-method=\"").text(method).raw("\" data-api-path=\"").text(path)
                .raw("\" data-api-body=\"json\" data-api-json=\"").text(json).raw("\" data-done=\"").text(done).raw("\">");
    }

    /** A hidden field. */
    static Html hidden(Html h, String name, String value) {
        return h.raw("<input type=\"hidden\" name=\"").text(name).raw("\" value=\"").text(value).raw("\">");
    }

    /** A labelled text input. */
    static Html input(Html h, String id, String name, String label, String type) {
        return h.raw("<label for=\"").text(id).raw("\">").text(label).raw("</label><input id=\"").text(id)
                .raw("\" name=\"").text(name).raw("\" type=\"").text(type).raw("\" required>");
    }

    /** The submit button, the place for the form's error, and the end of the form. */
    static Html close(Html h, String button, String accessibleName) {
        return h.raw("<button type=\"submit\" aria-label=\"").text(accessibleName).raw("\">").text(button)
                .raw("</button><span class=\"form-error\" role=\"alert\"></span></form>");
    }
}
