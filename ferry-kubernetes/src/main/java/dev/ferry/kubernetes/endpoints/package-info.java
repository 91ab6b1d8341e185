/**
 * From EndpointSlices to the route registry: {@link dev.ferry.kubernetes.endpoints.ReadyAddresses} reads the ready
 * addresses of a slice (shared by the runtime and the annotation controller), and
 * {@link dev.ferry.kubernetes.endpoints.EndpointSliceRoutes} keeps the ready pods of every app's web Service
 * registered as endpoints of the app's routes.
 */
package dev.ferry.kubernetes.endpoints;
