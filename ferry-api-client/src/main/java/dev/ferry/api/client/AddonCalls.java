package dev.ferry.api.client;

import dev.ferry.core.api.AddonAttachRequest;
import dev.ferry.core.api.AddonBackupInfo;
import dev.ferry.core.api.AddonCredentialsRotated;
import dev.ferry.core.api.AddonAttachmentInfo;
import dev.ferry.core.api.AddonCreateRequest;
import dev.ferry.core.api.AddonInfo;
import java.io.InputStream;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed calls about add-ons. The lists and one add-on come with the JSON as the API sent it (for
 * {@code --json}); creating and attaching answer once the new release serves, so they take a {@code timeout}.
 */
public final class AddonCalls {

    private final ControlApiClient api;

    public AddonCalls(ControlApiClient api) {
        this.api = Objects.requireNonNull(api, "api");
    }

    /** {@code GET /api/addons}: every add-on of the caller's apps. */
    public Read<AddonInfo[]> listAll() {
        return read(api.call("GET", "/api/addons", null), AddonInfo[].class);
    }

    /** {@code GET /api/apps/{app}/addons}. */
    public Read<AddonInfo[]> list(String app) {
        return read(api.call("GET", AppPath.of(app, "/addons"), null), AddonInfo[].class);
    }

    /** {@code GET /api/addons/{name}}. */
    public Read<AddonInfo> info(String name) {
        return read(api.call("GET", "/api/addons/" + AppPath.segment(name), null), AddonInfo.class);
    }

    /** {@code POST /api/apps/{app}/addons}. */
    public Read<AddonInfo> create(String app, AddonCreateRequest request, Duration timeout) {
        return read(api.call("POST", AppPath.of(app, "/addons"), request, timeout), AddonInfo.class);
    }

    /** {@code POST /api/addons/{name}/attachments}. */
    public AddonAttachmentInfo attach(String name, AddonAttachRequest request, Duration timeout) {
        return ApiJson.read(api.call("POST", "/api/addons/" + AppPath.segment(name) + "/attachments", request, timeout)
                .body(), AddonAttachmentInfo.class);
    }

    /** {@code DELETE /api/addons/{name}/attachments/{app}}: answers the attachment removed. */
    public AddonAttachmentInfo detach(String name, String app, Duration timeout) {
        return ApiJson.read(api.call("DELETE", "/api/addons/" + AppPath.segment(name) + "/attachments/"
                + AppPath.segment(app), null, timeout).body(), AddonAttachmentInfo.class);
    }

    /** {@code DELETE /api/addons/{name}?confirm={name}}: drops its data and its URL from every attached app. */
    public void destroy(String name, Duration timeout) {
        api.call("DELETE", "/api/addons/" + AppPath.segment(name) + "?confirm=" + AppPath.segment(name), null, timeout);
    }

    /** {@code GET /api/addons/{name}/backups}: its backups, oldest first. */
    public Read<AddonBackupInfo[]> backups(String name) {
        return read(api.call("GET", backupsPath(name), null), AddonBackupInfo[].class);
    }

    /** {@code POST /api/addons/{name}/backups}: answers once the dump is complete. */
    public AddonBackupInfo capture(String name, Duration timeout) {
        return ApiJson.read(api.call("POST", backupsPath(name), null, timeout).body(), AddonBackupInfo.class);
    }

    /** {@code GET /api/addons/{name}/backups/{id}/download}: the dump as it arrives; the caller closes it. */
    public InputStream download(String name, String id) {
        return api.stream("GET", backupsPath(name) + "/" + AppPath.segment(id) + "/download", null);
    }

    /** {@code POST /api/addons/{name}/backups/{id}/restore?confirm={app}}. */
    public AddonBackupInfo restore(String name, String id, String confirmApp, Duration timeout) {
        return ApiJson.read(api.call("POST", backupsPath(name) + "/" + AppPath.segment(id) + "/restore?confirm="
                + AppPath.segment(confirmApp), null, timeout).body(), AddonBackupInfo.class);
    }

    /** {@code DELETE /api/addons/{name}/backups/{id}}. */
    public void deleteBackup(String name, String id) {
        api.call("DELETE", backupsPath(name) + "/" + AppPath.segment(id), null);
    }

    /** {@code POST /api/addons/{name}/credentials/rotate}: answers once the new credentials serve everywhere. */
    public AddonCredentialsRotated rotate(String name, Duration timeout) {
        return ApiJson.read(api.call("POST", "/api/addons/" + AppPath.segment(name) + "/credentials/rotate", null,
                timeout).body(), AddonCredentialsRotated.class);
    }

    private static String backupsPath(String name) {
        return "/api/addons/" + AppPath.segment(name) + "/backups";
    }

    private static <T> Read<T> read(ApiAnswer answer, Class<T> type) {
        return new Read<>(answer.body(), ApiJson.read(answer.body(), type));
    }
}
