package dev.ferry.router.http1;

import dev.ferry.router.error.RequestRefused;

/**
 * One rule applied to each complete, syntactically valid request head, in the order {@link RequestHeadRules}
 * lists. A rule reads the head in place, may mark fields dropped, add fields or record what it worked out
 * (framing, keep-alive, request id), and answers why the request is refused, or null when it goes on.
 */
interface HeadRule {

    RequestRefused apply(RequestHead head);
}
