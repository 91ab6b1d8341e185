/**
 * The app log stream on disk: {@link dev.ferry.runtime.logs.DiskAppLogs} implements the
 * {@link dev.ferry.core.log.AppLogs} port with bounded files per app, and {@link dev.ferry.runtime.logs.HerokuLogFormat}
 * writes a line in Heroku's shape.
 */
package dev.ferry.runtime.logs;
