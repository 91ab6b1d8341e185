/** Not a contract: {@link dev.ferry.cli.internal.StartupTraining}, the run the launcher's start-up cache is made from. */
package dev.ferry.cli.internal;
