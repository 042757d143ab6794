/**
 * The log and metrics API (Loggregator's and the rep's {@code container_metrics} role, not Diego's BBS
 * API): recent lines and a live SSE stream per log guid, and the latest metrics of a process's
 * instances. JSON is written with {@code org.diego.core.json.Json}; the bodies are plain strings.
 */
package org.diego.web.logs;
