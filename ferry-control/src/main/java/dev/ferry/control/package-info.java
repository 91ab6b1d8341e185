/** The control API server: {@link dev.ferry.control.ControlServer}, configured by {@link dev.ferry.control.ControlConfig}. */
package dev.ferry.control;
