/**
 * The API's one way to read and answer JSON: {@link dev.ferry.control.json.RequestBody} reads every request body,
 * {@link dev.ferry.control.json.Json} writes answers, {@link dev.ferry.control.json.Paging} pages every list.
 */
package dev.ferry.control.json;
