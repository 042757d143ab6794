/**
 * The cell's Metron: forwards what Diego's executor sends to an app's log stream (its processes' stdout
 * and stderr, read from the container's log files, and the executor's own progress and health lines)
 * and periodic container metrics to the cluster over JMS. Best effort by design: a bounded buffer that
 * drops the oldest lines when the cluster cannot keep up, so an app never waits for its logs.
 */
package org.diego.cell.logs;
