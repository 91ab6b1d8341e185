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
}
