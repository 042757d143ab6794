/**
 * TPS's pure logic: ActualLRPs as the app instances CC shows (Diego's tps {@code cc_conv} and
 * {@code lrpstatus}), and which BBS instance events the watcher reports to CC. No I/O.
 */
package org.diego.core.bridge.tps;
