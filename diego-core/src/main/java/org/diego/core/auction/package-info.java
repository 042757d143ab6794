/**
 * Placement: which cell runs each unplaced instance. Pure and single-threaded like Diego's
 * auction scheduler: cells are snapshots, each placement updates the snapshot it chose.
 */
package org.diego.core.auction;
