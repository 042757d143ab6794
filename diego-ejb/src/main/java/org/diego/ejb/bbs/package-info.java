/**
 * The BBS: the one place that records desired and actual state. Every transition runs in one JTA
 * transaction on a row locked with SELECT ... FOR UPDATE, and applies a diego-core state-machine
 * method to it; the work a change implies (auction, stop) is sent in that same transaction.
 */
package org.diego.ejb.bbs;
