package org.diego.cell.rep;

import org.diego.core.messages.CellStateReport;

/** What the cell answers to {@code cell_state_request} (Diego's rep {@code GET /state}). */
@FunctionalInterface
public interface CellStateSource {
    CellStateReport state();
}
