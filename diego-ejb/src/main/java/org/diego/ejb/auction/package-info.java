/**
 * The auctioneer: one active instance cluster-wide (the "auctioneer" role) drains batched start
 * requests from the data grid's auction queue (and the legacy JMS queue {@code diego.auction}), runs
 * diego-core's scheduler against the live cells and sends each cell its work, all in one transaction;
 * a failed round puts the grid's requests back and leaves the JMS ones queued.
 */
package org.diego.ejb.auction;
