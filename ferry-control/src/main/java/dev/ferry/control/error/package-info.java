/** The control API's errors: {@link dev.ferry.control.error.ApiException} and its named conditions, mapped to JSON by {@link dev.ferry.control.error.ApiErrorMapper}. */
package dev.ferry.control.error;
