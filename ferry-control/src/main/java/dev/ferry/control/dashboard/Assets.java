package dev.ferry.control.dashboard;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The dashboard's static files, all from the classpath and served by Ferry itself (no CDN): its own styles and
 * scripts under {@code /assets/}, and htmx and uPlot from their WebJars under {@code /assets/vendor/}. Only the
 * files listed here are served; each may be cached for an hour.
 */
final class Assets {

    private static final String OWN = "/dev/ferry/control/dashboard/assets/";
    private static final Map<String, String> FILES = Map.of(
            "dashboard.css", OWN + "dashboard.css",
            "dashboard.js", OWN + "dashboard.js",
            "stream.js", OWN + "stream.js",
            "charts.js", OWN + "charts.js",
            "autoscale.js", OWN + "autoscale.js",
            "vendor/htmx.min.js", "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js",
            "vendor/uPlot.iife.min.js", "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
            "vendor/uPlot.min.css", "/META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css");

    private Assets() {
    }

    static void serve(Context ctx) {
        String name = ctx.path().substring("/assets/".length());
        String resource = FILES.get(name);
        if (resource == null) {
            throw new NotFoundResponse("no such asset");
        }
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new NotFoundResponse("asset missing from the build: " + name);
            }
            ctx.contentType(name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
                    .header("Cache-Control", "max-age=3600")
                    .result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
