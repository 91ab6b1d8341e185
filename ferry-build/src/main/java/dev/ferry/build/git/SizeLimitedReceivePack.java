package dev.ferry.build.git;

import dev.ferry.build.ByteCount;
import java.io.IOException;
import java.util.List;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.internal.submodule.SubmoduleValidator.SubmoduleValidationException;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A {@link ReceivePack} that refuses a pack larger than {@code maxPushBytes} with Ferry's own sentence for the
 * pusher (shown as {@code remote: ...} above git's {@code unpack failed}), naming the limit and how to raise it.
 * Nothing of a refused pack is kept and no ref moves. It moves the refs without JGit's
 * {@code Updating references: 100% (1/1)} progress line, which came out twice with a carriage return between
 * (garbled in logs and pipes) whenever the update took a quarter of a second: the push output has said what
 * happened by then.
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

    /** As JGit's, with no progress monitor on the batch update (JGit's default error handling kept). */
    @Override
    protected void executeCommands() {
        List<ReceiveCommand> toApply = filterCommands(ReceiveCommand.Result.NOT_ATTEMPTED);
        if (toApply.isEmpty()) {
            return;
        }
        BatchRefUpdate batch = getRepository().getRefDatabase().newBatchUpdate();
        batch.setAllowNonFastForwards(isAllowNonFastForwards());
        batch.setAtomic(isAtomic());
        batch.setRefLogIdent(getRefLogIdent());
        batch.setRefLogMessage("push", true);
        batch.addCommand(toApply);
        batch.setPushCertificate(getPushCertificate());
        try {
            batch.execute(getRevWalk(), NullProgressMonitor.INSTANCE);
        } catch (IOException e) {
            for (ReceiveCommand cmd : toApply) {
                if (cmd.getResult() == ReceiveCommand.Result.NOT_ATTEMPTED) {
                    cmd.setResult(ReceiveCommand.Result.REJECTED_OTHER_REASON, e.getMessage());
                }
            }
        }
    }
}
