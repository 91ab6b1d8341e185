/** The add-ons' wiring: {@link dev.ferry.server.addons.AddonWiring} picks the servers and builds the add-ons API. */
package dev.ferry.server.addons;
