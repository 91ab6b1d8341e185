package dev.ferry.core.addons;

import dev.ferry.core.store.AppName;
import dev.ferry.core.store.UserId;
import java.util.List;
import java.util.Optional;

/**
 * The add-ons and their attachments, in the store's database. The add-ons API writes them; the config var an
 * attachment sets is written separately, through {@link dev.ferry.core.store.ReleaseStore}, so that it makes a release.
 * Credentials are sealed at rest with the key that seals config vars and leave the store only through
 * {@link #url}. Each change is one transaction that records its event, as {@link dev.ferry.core.store.Store}
 * describes. Safe for use by many threads.
 */
public interface AddonStore {

    /**
     * Records a new add-on, owned by and attached to {@code owner} under {@code configVar}.
     *
     * @throws dev.ferry.core.store.AppNotFound when there is no such app
     * @throws AddonConflict when the name is taken or the app has an attachment under that config var
     */
    Addon createAddon(String name, AddonKind kind, String plan, AppName owner, ProvisionedAddon provisioned,
                      String configVar, UserId by);

    /** The add-on of this name. */
    Optional<Addon> addon(String name);

    /** The add-ons attached to {@code app}, by name. */
    List<Addon> addonsOf(AppName app);

    /**
     * The URL with the credentials of an add-on, decrypted.
     *
     * @throws AddonNotFound when there is no such add-on
     */
    String url(String name);

    /**
     * Replaces the URL of an add-on after its credentials were rotated, recording the event on its owner.
     *
     * @throws AddonNotFound when there is no such add-on
     */
    void updateUrl(String name, String url, UserId by);

    /**
     * Attaches an add-on to another app under {@code configVar}.
     *
     * @throws AddonNotFound when there is no such add-on
     * @throws AddonConflict when the app already has it, or another attachment under that config var
     */
    AddonAttachment attach(String name, AppName app, String configVar, UserId by);

    /**
     * Detaches an add-on from an app that is not its owner.
     *
     * @throws AddonNotFound when there is no such add-on or it is not attached to the app
     * @throws AddonConflict when the app is its owner (destroy it instead)
     */
    AddonAttachment detach(String name, AppName app, UserId by);

    /**
     * Forgets an add-on and all its attachments; the caller removed the resource first.
     *
     * @throws AddonNotFound when there is no such add-on
     */
    void removeAddon(String name, UserId by);
}
