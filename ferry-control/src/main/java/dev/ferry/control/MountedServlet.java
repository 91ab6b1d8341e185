package dev.ferry.control;

import jakarta.servlet.Servlet;
import java.util.Objects;

/**
 * A servlet served by the control API's Jetty next to the API, such as git over HTTP at {@code /git/*}.
 * Requests it matches bypass the API's bearer-token filter: the servlet authenticates by itself.
 *
 * @param pathSpec a servlet path spec such as {@code /git/*}; it must not cover {@code /api/*}
 * @param servlet  the servlet, initialised by Jetty when the server starts
 */
public record MountedServlet(String pathSpec, Servlet servlet) {

    public MountedServlet {
        Objects.requireNonNull(pathSpec, "pathSpec");
        Objects.requireNonNull(servlet, "servlet");
        if (!pathSpec.startsWith("/") || pathSpec.equals("/*") || pathSpec.startsWith("/api")) {
            throw new IllegalArgumentException("a mounted servlet may not cover the API: " + pathSpec);
        }
    }
}
