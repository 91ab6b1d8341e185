/**
 * The annotation controller: every Service annotated {@code ferry.dev/domains} is routed to its ready endpoints,
 * whoever created it. Entry points: {@link dev.ferry.kubernetes.controller.AnnotationController} with its
 * {@link dev.ferry.kubernetes.controller.ControllerConfig}.
 */
package dev.ferry.kubernetes.controller;
