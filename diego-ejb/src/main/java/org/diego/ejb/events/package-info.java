/**
 * The event hub: beans publish BBS events inside their transaction, the hub sends them after commit
 * over a Hazelcast topic, and every instance hands them to its own SSE subscribers.
 */
package org.diego.ejb.events;
