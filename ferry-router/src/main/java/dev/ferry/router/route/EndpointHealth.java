package dev.ferry.router.route;

/**
 * The active health of one endpoint of one route. New endpoints start healthy, so a route is served
 * while its first checks run; {@code fall} failures in a row mark it down, {@code rise} successes up.
 */
final class EndpointHealth {

    volatile boolean up = true;
    // Counters are touched only by the route's checker, on its single event loop.
    int successes;
    int failures;

    /** Records one check result; returns true when the up/down state changed. */
    boolean record(boolean success, int rise, int fall) {
        if (success) {
            failures = 0;
            successes++;
            if (!up && successes >= rise) {
                up = true;
                return true;
            }
        } else {
            successes = 0;
            failures++;
            if (up && failures >= fall) {
                up = false;
                return true;
            }
        }
        return false;
    }
}
