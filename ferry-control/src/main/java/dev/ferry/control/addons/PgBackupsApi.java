package dev.ferry.control.addons;

import dev.ferry.control.error.InvalidInput;
import dev.ferry.control.json.Json;
import dev.ferry.core.addons.Addon;
import dev.ferry.core.addons.AddonBackup;
import dev.ferry.core.addons.AddonBackups;
import dev.ferry.core.addons.AddonKind;
import dev.ferry.core.addons.AddonNotFound;
import dev.ferry.core.api.AddonBackupInfo;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.InputStream;

/**
 * The backups of a PostgreSQL add-on ({@code ferry pg:backups…}), for a caller who may use an app it is attached to:
 * <ul>
 *   <li>{@code GET /api/addons/{name}/backups}: its backups, oldest first.</li>
 *   <li>{@code POST /api/addons/{name}/backups} (201): dumps the database now and answers the new backup once it is
 *   complete.</li>
 *   <li>{@code GET /api/addons/{name}/backups/{id}/download}: the dump ({@code pg_dump}'s custom format, for
 *   {@code pg_restore}), streamed from its file.</li>
 *   <li>{@code POST /api/addons/{name}/backups/{id}/restore?confirm=APP}: replaces the objects of the backup in the
 *   database, in one transaction; 409 {@code addon_backup_failed} with pg_restore's reason when it fails, and then
 *   nothing changed.</li>
 *   <li>{@code DELETE /api/addons/{name}/backups/{id}} (204).</li>
 * </ul>
 * A Redis add-on answers 400; a platform that keeps no backups answers 404 for every backup.
 */
final class PgBackupsApi {

    private final AddonAccess access;
    private final AddonLifecycle lifecycle;

    PgBackupsApi(AddonAccess access, AddonLifecycle lifecycle) {
        this.access = access;
        this.lifecycle = lifecycle;
    }

    void register(RoutesConfig r) {
        r.get("/api/addons/{name}/backups", this::list);
        r.post("/api/addons/{name}/backups", this::capture);
        r.get("/api/addons/{name}/backups/{id}/download", this::download);
        r.post("/api/addons/{name}/backups/{id}/restore", this::restore);
        r.delete("/api/addons/{name}/backups/{id}", this::delete);
    }

    private void list(Context ctx) {
        Addon addon = postgres(ctx);
        Json.ok(ctx, backups().backups(addon.name()).stream().map(PgBackupsApi::json).toList());
    }

    private void capture(Context ctx) {
        Addon addon = postgres(ctx);
        AddonBackup backup = backups().capture(addon.name(), lifecycle.url(addon));
        ctx.header("Location", "/api/addons/" + addon.name() + "/backups/" + backup.id());
        Json.answer(ctx, 201, json(backup));
    }

    private void download(Context ctx) {
        Addon addon = postgres(ctx);
        String id = ctx.pathParam("id");
        InputStream dump = backups().open(addon.name(), id);
        ctx.contentType("application/octet-stream")
                .header("Content-Disposition", "attachment; filename=\"" + addon.name() + "-" + id + ".dump\"")
                .result(dump);
    }

    private void restore(Context ctx) {
        Addon addon = postgres(ctx);
        String id = ctx.pathParam("id");
        AddonBackup backup = backups().backups(addon.name()).stream().filter(b -> b.id().equals(id)).findFirst()
                .orElseThrow(() -> new AddonNotFound("The add-on " + addon.name() + " has no backup " + id
                        + " (see ferry pg:backups)."));
        access.requireConfirmation(ctx, addon, "restoring " + id + " replaces the data of " + addon.name());
        backups().restore(addon.name(), id, lifecycle.url(addon));
        Json.ok(ctx, json(backup));
    }

    private void delete(Context ctx) {
        Addon addon = postgres(ctx);
        backups().delete(addon.name(), ctx.pathParam("id"));
        ctx.status(204);
    }

    private Addon postgres(Context ctx) {
        Addon addon = access.visible(ctx);
        if (addon.kind() != AddonKind.POSTGRES) {
            throw new InvalidInput(addon.name() + " is a " + addon.kind().code() + " add-on; backups are for"
                    + " PostgreSQL add-ons");
        }
        return addon;
    }

    private AddonBackups backups() {
        return lifecycle.backups().orElseThrow(() -> new AddonNotFound("This Ferry keeps no add-on backups."));
    }

    private static AddonBackupInfo json(AddonBackup backup) {
        return new AddonBackupInfo(backup.id(), backup.addon(), backup.sizeBytes(), backup.createdAt().toString());
    }
}
