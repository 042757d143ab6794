/**
 * Evacuation as Diego's BBS decides it: what a draining cell's report about one container (claimed,
 * running, stopped, crashed) does to the rows of that index, and whether the cell keeps the container.
 */
package org.diego.core.evacuation;
