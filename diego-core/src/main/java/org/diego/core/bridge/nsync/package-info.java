/**
 * Nsync's pure logic: CC's app and task requests turned into the BBS's DesiredLRPs, LRP updates and
 * task definitions (Diego's {@code nsync/recipebuilder}), and the bulker's comparison of CC's
 * fingerprints with the BBS. No I/O here, so every rule is unit-tested; the beans only fetch and write.
 */
package org.diego.core.bridge.nsync;
