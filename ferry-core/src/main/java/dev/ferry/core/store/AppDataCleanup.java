package dev.ferry.core.store;

import java.io.IOException;

/**
 * One kind of data a part of the platform keeps for an app outside the {@link Store} (its git repository, build
 * cache, kept build output and slugs; its log lines; later its certificates and add-on attachments), deleted when
 * the app is destroyed. The control API runs every clean-up the platform wires, in order, after
 * {@link AppStore#destroyApp}, and again with {@link DestroyedApp#leftoversOf} right after an app is created, so
 * that a new app never inherits what an earlier app of the same name left (also one destroyed before this
 * clean-up existed). A part that keeps something per app joins the list in the platform's wiring.
 *
 * <p>When an app is renamed ({@link AppStore#renameApp}), the control API runs {@link #moveDataOf} of every clean-up,
 * in order, right after the store, so that what is kept under the old name is found under the new one.
 *
 * <p>What must go while the store still knows the app (add-ons it owns, whose records go with it) goes in
 * {@link #prepareRemovalOf}, which the control API runs, in order, before {@link AppStore#destroyApp}; a failure
 * there stops the destroy, so that nothing is left unreachable.
 *
 * <p>Implementations delete only what belongs to the app's name, succeed when there is nothing to delete, and are
 * safe for use by many threads.
 */
@FunctionalInterface
public interface AppDataCleanup {

    /**
     * Deletes what this part keeps for {@code destroyed}.
     *
     * @throws IOException when something could not be deleted; the caller logs it and runs the other clean-ups
     */
    void removeDataOf(DestroyedApp destroyed) throws IOException;

    /**
     * Deletes what this part keeps for {@code app} that the store's records lead to, before the store destroys the
     * app. The default deletes nothing.
     *
     * @param by the user destroying the app
     * @throws IOException or a {@link StoreException} when something could not be deleted; the app is then not
     *                     destroyed, and the caller answers why
     */
    default void prepareRemovalOf(App app, UserId by) throws IOException {
    }

    /**
     * Moves what this part keeps under {@code from} to {@code to}, the app's new name, in place of anything an
     * earlier app of the new name left there. The default moves nothing, for a part that keys nothing by name.
     *
     * @throws IOException when something could not be moved; the caller logs it and runs the other moves
     */
    default void moveDataOf(AppName from, AppName to) throws IOException {
    }
}
