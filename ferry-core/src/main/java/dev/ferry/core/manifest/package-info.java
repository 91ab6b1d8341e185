/**
 * An app's {@code app.json}: {@link dev.ferry.core.manifest.AppManifest} (buildpacks, health checks, formation,
 * deploy scripts), read by the one {@link dev.ferry.core.manifest.AppManifestReader}.
 */
package dev.ferry.core.manifest;
