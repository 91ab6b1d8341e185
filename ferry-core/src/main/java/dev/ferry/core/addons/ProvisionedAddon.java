package dev.ferry.core.addons;

import java.util.Objects;

/**
 * What a provisioner made: the resource's name on the server (database and role, or ACL user) and the URL with its
 * credentials that apps receive. {@link #toString()} leaves the URL out, so it never reaches a log by accident.
 */
public record ProvisionedAddon(String resource, String url) {

    public ProvisionedAddon {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(url, "url");
    }

    @Override
    public String toString() {
        return "ProvisionedAddon[resource=" + resource + ", url=(sealed)]";
    }
}
