package dev.ferry.tunnel.agent;

/**
 * One request seen by the agent: method, path, response status and the milliseconds from the request head to
 * the response head. {@link #line()} is what the CLI prints.
 */
public record RequestRecord(String method, String path, int status, long millis) {

    public String line() {
        return method + " " + path + " " + status + " " + millis + "ms";
    }
}
