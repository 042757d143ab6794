package org.diego.core.api;

import java.util.List;
import org.diego.core.model.CellPresence;
import org.diego.core.model.DiegoError;
import org.diego.core.wire.WireMessage;

/** {@code POST /v1/cells/list.r1}: the live cells' presences. */
@WireMessage("CellsResponse")
public record CellsResponse(DiegoError error, List<CellPresence> cells) {
    public CellsResponse {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    public static CellsResponse of(List<CellPresence> cells) {
        return new CellsResponse(null, cells);
    }
}
