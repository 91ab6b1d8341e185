/** The local runtime: supervised, sandboxed instances of releases and the app log stream. */
package dev.ferry.runtime;
