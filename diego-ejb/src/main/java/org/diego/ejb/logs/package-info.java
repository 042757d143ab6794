/**
 * The cluster's Loggregator: takes the cells' log batches off {@code diego.logs}, keeps a bounded recent
 * buffer per log guid and the latest metric per instance in the data grid (so every Payara instance
 * answers for all), and fans new lines out to live subscribers on every instance. Best effort: nothing
 * here is transactional or persistent, and a grid error costs log lines, never a cell's message.
 */
package org.diego.ejb.logs;
