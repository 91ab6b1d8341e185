/**
 * {@code app.json}, read once with Jackson: {@link dev.ferry.build.manifest.AppJsonReader}, the platform's
 * {@link dev.ferry.core.manifest.AppManifestReader}.
 */
package dev.ferry.build.manifest;
