package dev.ferry.build.source;

import dev.ferry.build.BuildFailed;
import dev.ferry.build.BuildLog;
import dev.ferry.build.ByteCount;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the files of one commit of a repository into an empty directory outside it, reading objects with
 * JGit (no working tree, no {@code git} process). Regular and executable files are written; symbolic links
 * and submodules are skipped with a warning, so nothing in a repository can point the build outside its
 * directory; a path with {@code ..}, {@code .git} or an absolute part is refused, and so is a commit whose files
 * hold more than the given limit (each object's size is known before it is written, so nothing beyond the
 * limit reaches the disk).
 */
public final class CommitCheckout {

    private CommitCheckout() {
    }

    /** As {@link #checkout(Repository, String, Path, BuildLog, long)} with no size limit. */
    public static int checkout(Repository repo, String commit, Path target, BuildLog log) throws BuildFailed, IOException {
        return checkout(repo, commit, target, log, Long.MAX_VALUE);
    }

    /**
     * Writes {@code commit}'s tree into {@code target}, which is created.
     *
     * @param maxBytes the most the commit's files may hold together
     * @return the number of files written
     * @throws BuildFailed when the commit is missing, a path is unsafe or the files hold more than {@code maxBytes}
     */
    public static int checkout(Repository repo, String commit, Path target, BuildLog log, long maxBytes)
            throws BuildFailed, IOException {
        Path root = Files.createDirectories(target).toRealPath();
        int files = 0;
        long bytes = 0;
        try (ObjectReader reader = repo.newObjectReader(); RevWalk walk = new RevWalk(reader);
             TreeWalk tree = new TreeWalk(reader)) {
            RevCommit c;
            try {
                c = walk.parseCommit(ObjectId.fromString(commit));
            } catch (IOException | IllegalArgumentException e) {
                throw new BuildFailed("commit " + commit + " is not in the repository", e);
            }
            tree.addTree(c.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                String path = tree.getPathString();
                FileMode mode = tree.getFileMode(0);
                if (mode == FileMode.SYMLINK) {
                    log.detail("warning: skipped the symbolic link " + path);
                    continue;
                }
                if (mode == FileMode.GITLINK) {
                    log.detail("warning: skipped the submodule " + path);
                    continue;
                }
                Path file = safePath(root, path);
                Files.createDirectories(file.getParent());
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw new BuildFailed("the repository has the path " + path + " twice");
                }
                ObjectLoader object = reader.open(tree.getObjectId(0));
                bytes += object.getSize();
                if (bytes > maxBytes) {
                    throw new BuildFailed("the pushed commit's files hold more than " + ByteCount.show(maxBytes)
                            + " (at " + path + "); the platform's limit is ferry up --max-source-size");
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    object.copyTo(out);
                }
                if (mode == FileMode.EXECUTABLE_FILE) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                files++;
            }
        }
        return files;
    }

    /** {@code root/path} after checking that every segment stays inside {@code root}. */
    static Path safePath(Path root, String path) throws BuildFailed {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            throw new BuildFailed("the repository has an unsafe path: " + path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase(".git")) {
                throw new BuildFailed("the repository has an unsafe path: " + path);
            }
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new BuildFailed("the repository has an unsafe path: " + path);
        }
        // No directory on the way may be a link: checkout never makes links, so this only guards the work dir.
        for (Path p = file.getParent(); p != null && !p.equals(root); p = p.getParent()) {
            if (Files.isSymbolicLink(p)) {
                throw new BuildFailed("the repository has an unsafe path: " + path);
            }
        }
        return file;
    }
}
