package dev.ferry.core.store;

/**
 * Where a {@link Release} stands. A deploy's release starts {@link #PENDING} and is marked
 * {@link #SUCCEEDED} or {@link #FAILED} once by whoever runs it; so do config and rollback releases that
 * have a slug to run, while those of an app without a slug start {@link #SUCCEEDED}.
 */
public enum ReleaseStatus {
    /** Created; its release phase or first start has not finished. */
    PENDING,
    /** Ready to run; the newest such release is the app's current one. */
    SUCCEEDED,
    /** Its release phase or start failed; it is never run. */
    FAILED
}
