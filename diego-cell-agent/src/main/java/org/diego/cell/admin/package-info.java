/**
 * The cell's local admin surface, like Diego's rep admin server on 127.0.0.1:1800: {@code POST /evacuate}
 * starts draining the cell and {@code GET /ping} answers while the agent lives. The {@code drain} command
 * uses both, as Diego's BOSH drain script does.
 */
package org.diego.cell.admin;
