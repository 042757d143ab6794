package org.diego.cell.rep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.diego.cell.executor.CellExecutor;
import org.diego.cell.executor.Container;
import org.diego.cell.executor.ContainerState;
import org.diego.cell.executor.Resources;
import org.diego.core.messages.CellStateReport;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.CellPresence;

/**
 * Builds this cell's state from its executor, as Diego's rep does for {@code /state}: total and free
 * resources from the ledger, every LRP container (whatever its state, since it holds its resources
 * until destroyed) for co-location scoring, and the containers still starting (reserved or created,
 * not running yet; LRPs and tasks alike) as the starting container count. Identity, zone, tags and
 * rootfs providers are the ones the cell announces in its presence.
 */
public final class CellStateReporter implements CellStateSource {
    private final CellPresence presence;
    private final CellExecutor executor;
    private final List<String> volumeDrivers;
    private final BooleanSupplier evacuating;

    public CellStateReporter(CellPresence presence, CellExecutor executor, List<String> volumeDrivers,
                             BooleanSupplier evacuating) {
        this.presence = presence;
        this.executor = executor;
        this.volumeDrivers = List.copyOf(volumeDrivers);
        this.evacuating = evacuating;
    }

    @Override
    public CellStateReport state() {
        List<Container> containers = executor.list();
        Resources available = executor.remainingResources();
        Resources total = executor.totalResources();
        List<CellStateReport.Lrp> lrps = new ArrayList<>();
        int starting = 0;
        for (Container c : containers) {
            // Diego counts every starting container, tasks' too: they all load the cell alike.
            if (c.state() == ContainerState.RESERVED || c.state() == ContainerState.CREATED) {
                starting++;
            }
            if (!LrpTags.isLrp(c)) {
                continue; // a task's: its resources show in the ledger's available figure
            }
            ActualLrpKey key;
            try {
                key = LrpTags.key(c);
            } catch (RuntimeException e) {
                continue; // not one of ours: its resources still show in the ledger's available figure
            }
            lrps.add(new CellStateReport.Lrp(key.processGuid(), key.index(), key.domain(),
                    c.resources().memoryMb(), c.resources().diskMb()));
        }
        return new CellStateReport(presence.cellId(), presence.repAddress(), presence.zone(),
                resources(total), resources(available), starting, lrps, presence.rootfsProviders(),
                presence.placementTags(), presence.optionalPlacementTags(), volumeDrivers, evacuating.getAsBoolean(),
                0);
    }

    private static CellStateReport.Resources resources(Resources r) {
        return new CellStateReport.Resources(r.memoryMb(), r.diskMb(), r.containers());
    }
}
