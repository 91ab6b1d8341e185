/** Request and answer JSON of the app, user and token APIs: {@link dev.ferry.control.json.RequestBody}, {@link dev.ferry.control.json.Json} and {@link dev.ferry.control.json.Paging}. */
package dev.ferry.control.json;
