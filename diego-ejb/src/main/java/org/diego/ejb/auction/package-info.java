/**
 * The auctioneer: one active instance cluster-wide (the "auctioneer" role) drains batched start
 * requests from {@code diego.auction}, runs diego-core's scheduler against the live cells and sends
 * each cell its work, all in one transaction so a failed round leaves the requests queued.
 */
package org.diego.ejb.auction;
