package dev.ferry.build.git;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * Serves {@code POST <repo>/git-receive-pack} writing straight to the response, so each flushed side-band
 * message (a line of build output) reaches the client at once. JGit's own servlet buffers the first 32 KiB
 * of a response, which would hold a short build's output back until the push ends.
 */
final class StreamingReceivePack {

    static final String REQUEST_TYPE = "application/x-git-receive-pack-request";
    static final String RESULT_TYPE = "application/x-git-receive-pack-result";

    /** Makes the {@link ReceivePack} of the request; its repository is closed when the push ends. */
    interface Factory {
        ReceivePack create() throws IOException;
    }

    private StreamingReceivePack() {
    }

    static void serve(HttpServletRequest req, HttpServletResponse resp, Factory factory) throws IOException {
        if (!REQUEST_TYPE.equals(req.getContentType())) {
            resp.sendError(HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE);
            return;
        }
        ReceivePack rp = factory.create();
        try (Repository repo = rp.getRepository()) {
            rp.setBiDirectionalPipe(false);
            resp.setContentType(RESULT_TYPE);
            resp.setHeader("Cache-Control", "no-cache, max-age=0, must-revalidate");
            InputStream in = req.getInputStream();
            if ("gzip".equalsIgnoreCase(req.getHeader("Content-Encoding"))) {
                in = new GZIPInputStream(in);
            }
            OutputStream out = resp.getOutputStream();
            rp.receive(in, out, null);
            out.flush();
        }
    }
}
