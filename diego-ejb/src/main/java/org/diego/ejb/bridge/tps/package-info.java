/**
 * TPS inside the cluster: the reader behind {@code /tps/v1/...} (ActualLRPs and the latest container
 * metrics as CC's instances) and the watcher, which turns the BBS's instance events into Cloud
 * Controller's app-state callbacks on exactly one instance of the cluster at a time.
 */
package org.diego.ejb.bridge.tps;
