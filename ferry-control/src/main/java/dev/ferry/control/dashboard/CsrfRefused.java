package dev.ferry.control.dashboard;

import dev.ferry.control.error.ApiException;

/** 403 {@code csrf_refused}: a change made with a dashboard session lacks the session's CSRF token, or has another. */
public final class CsrfRefused extends ApiException {

    public CsrfRefused() {
        super(403, "csrf_refused", "this change was refused: it did not carry the dashboard session's CSRF token "
                + "(reload the page and try again)");
    }
}
