/**
 * The add-on verbs: {@code addons}, {@code addons:create}, {@code addons:info}, {@code addons:attach},
 * {@code addons:detach} and {@code addons:destroy}, over the API's {@code /api/addons} and
 * {@code /api/apps/{app}/addons}.
 */
package dev.ferry.cli.addons;
