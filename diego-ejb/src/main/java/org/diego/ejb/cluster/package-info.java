/**
 * Cluster-wide roles (auctioneer, converger) held through Hazelcast leases with fencing tokens:
 * every instance runs the timers, only the holder of a role acts.
 */
package org.diego.ejb.cluster;
