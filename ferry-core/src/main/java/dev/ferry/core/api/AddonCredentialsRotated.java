package dev.ferry.core.api;

import java.util.List;

/**
 * The answer of {@code POST /api/addons/{name}/credentials/rotate}: the new login role, the apps that received the new
 * URL in a new release, and whether the old credentials were revoked (only once every old instance is gone).
 *
 * @param addon    the add-on's name
 * @param user     the new login role
 * @param releases one line per attached app, e.g. {@code hello: v7 is running}
 * @param revoked  the old login role, now unable to log in; absent when it was kept (a deploy failed)
 */
public record AddonCredentialsRotated(String addon, String user, List<String> releases, String revoked) {

    public AddonCredentialsRotated {
        releases = releases == null ? List.of() : List.copyOf(releases);
    }
}
