/** The control API's OpenAPI document: {@link dev.ferry.control.openapi.OpenApiDocument}. */
package dev.ferry.control.openapi;
