/**
 * Slugs and build outputs in an S3-compatible bucket ({@code --slug-store s3://BUCKET/PREFIX}):
 * {@link dev.ferry.store.s3.S3Bucket}, opened with {@link dev.ferry.store.s3.S3Settings} from the environment, and
 * the two archives over it, {@link dev.ferry.store.s3.S3SlugArchive} and {@link dev.ferry.store.s3.S3BuildLogArchive}.
 */
package dev.ferry.store.s3;
