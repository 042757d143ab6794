/**
 * The broker connection: creating OpenMQ's connection factory without compiling against it, connecting
 * with retries, and rebuilding every session when OpenMQ's own reconnect gives up. It carries no Diego
 * semantics; the rep's JMS classes attach their sessions to it.
 */
package org.diego.cell.broker;
