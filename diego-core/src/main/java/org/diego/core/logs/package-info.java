/**
 * Logs and container metrics of application instances (the part of Diego's world that Metron and
 * Loggregator carry): the envelope and metric contracts shared by cells, the cluster and the API, the
 * batch message cells send, and the pure pieces (line splitting, a drop-oldest buffer) both sides use.
 * Kept apart from {@code messages} because these travel best effort, never in a transaction.
 */
package org.diego.core.logs;
