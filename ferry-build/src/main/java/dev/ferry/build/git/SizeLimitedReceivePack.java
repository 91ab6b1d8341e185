package dev.ferry.build.git;

import dev.ferry.build.ByteCount;
import java.io.IOException;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.internal.submodule.SubmoduleValidator.SubmoduleValidationException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A {@link ReceivePack} that refuses a pack larger than {@code maxPushBytes} with Ferry's own sentence for the
 * pusher (shown as {@code remote: ...} above git's {@code unpack failed}), naming the limit and how to raise it.
 * Nothing of a refused pack is kept and no ref moves.
 */
final class SizeLimitedReceivePack extends ReceivePack {

    private final long maxPushBytes;

    SizeLimitedReceivePack(Repository repo, long maxPushBytes) {
        super(repo);
        this.maxPushBytes = maxPushBytes;
        setMaxPackSizeLimit(maxPushBytes);
    }

    @Override
    protected void receivePackAndCheckConnectivity() throws IOException, SubmoduleValidationException {
        try {
            super.receivePackAndCheckConnectivity();
        } catch (TooLargePackException e) {
            sendMessage(" !     Push rejected: it is larger than this Ferry's limit of " + ByteCount.show(maxPushBytes)
                    + " (raise it with ferry up --max-push-size or FERRY_MAX_PUSH_SIZE).");
            throw e;
        }
    }
}
