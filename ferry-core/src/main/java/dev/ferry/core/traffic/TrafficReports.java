package dev.ferry.core.traffic;

import java.util.List;

/**
 * How separate routers' traffic reaches the control plane ({@code ferry router} has no store): each router
 * {@link #publish publishes} a {@link TrafficReport} every second it had requests; every control node
 * {@link #readNew reads} every report for its series (charts, autoscaler), and the control nodes together
 * {@link #take take} each report once for the usage records, {@link #acknowledge acknowledging} it once written, so
 * that a report taken by a node that died before writing it is taken again. The fleet's implementation is a Redis
 * stream beside the route registry; a platform on one machine needs none ({@link #NONE}). Safe for many threads.
 */
public interface TrafficReports extends AutoCloseable {

    /** A report taken for the usage records, with the id to acknowledge it by. */
    record Taken(String id, TrafficReport report) {
    }

    /** Nowhere to report to and nothing to read: a single machine counts its router's traffic in process. */
    TrafficReports NONE = new TrafficReports() {
        @Override
        public void publish(TrafficReport report) {
        }

        @Override
        public List<TrafficReport> readNew() {
            return List.of();
        }

        @Override
        public List<Taken> take(String consumer, int max) {
            return List.of();
        }

        @Override
        public void acknowledge(List<String> ids) {
        }

        @Override
        public void close() {
        }
    };

    /** Publishes one router's report. */
    void publish(TrafficReport report);

    /** The reports published since this reader's last call (since it was made, the first time), oldest first. */
    List<TrafficReport> readNew();

    /**
     * At most {@code max} reports for the usage records, first those {@code consumer} took before and did not
     * acknowledge, then reports no control node has taken yet.
     */
    List<Taken> take(String consumer, int max);

    /** Marks taken reports as written to the usage records. */
    void acknowledge(List<String> ids);

    @Override
    void close();
}
