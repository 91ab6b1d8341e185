package dev.ferry.core.addons;

/**
 * Makes and removes add-ons of one {@link AddonKind} on a server Ferry was given ({@code --addons-postgres},
 * {@code --addons-redis}) or started itself ({@code --addons local}). The control API calls it before it records an
 * add-on and after it forgets one; implementations live in ferry-addons and are wired in the platform.
 * Implementations are safe for use by many threads.
 */
public interface AddonProvisioner {

    /** The service this provisioner makes. */
    AddonKind kind();

    /** Where add-ons are made, without credentials, as shown by {@code addons:info} ({@code 127.0.0.1:5432}). */
    String location();

    /**
     * Makes the resource of a new add-on named {@code addonName}, with a fresh random password.
     *
     * @throws AddonServerUnavailable when the server cannot be reached or refuses
     */
    ProvisionedAddon provision(String addonName);

    /**
     * Removes the resource and everything in it, and closes its open connections. Removing one that is gone is not
     * an error.
     *
     * @throws AddonServerUnavailable when the server cannot be reached or refuses
     */
    void deprovision(String resource);

    /**
     * Makes new credentials for the add-on with the same rights as the current ones ({@code pg:credentials:rotate}),
     * while the current ones keep working, so that instances still using them go on serving until replaced.
     *
     * @return the resource and the URL with the new credentials
     * @throws UnsupportedOperationException when this kind of add-on cannot rotate its credentials
     * @throws AddonServerUnavailable        when the server cannot be reached or refuses
     */
    default ProvisionedAddon rotate(String resource) {
        throw new UnsupportedOperationException(kind().code() + " add-ons cannot rotate their credentials yet");
    }

    /**
     * Revokes the credentials of {@code oldUrl} after a {@link #rotate}: they can no longer log in and their open
     * sessions are ended. Retiring credentials that are gone is not an error.
     *
     * @throws AddonServerUnavailable when the server cannot be reached or refuses
     */
    default void retire(String resource, String oldUrl) {
        throw new UnsupportedOperationException(kind().code() + " add-ons cannot rotate their credentials yet");
    }
}
