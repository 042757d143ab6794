package org.diego.core.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.diego.core.auction.CellState;
import org.diego.core.auction.LrpAuction;
import org.diego.core.auction.Scheduler;
import org.diego.core.json.Json;
import org.diego.core.messages.CellStateReport.Lrp;
import org.diego.core.messages.CellStateReport.Resources;
import org.diego.core.model.CellPresence.RootfsProvider;
import org.diego.core.model.DiegoException;
import org.junit.jupiter.api.Test;

/** The cell's state reply: wire shape, validation, and the scheduler snapshot built from it. */
class CellStateReportTest {
    static final List<RootfsProvider> ROOTFS = List.of(new RootfsProvider("preloaded", List.of("cflinuxfs4")),
            new RootfsProvider("docker", List.of()));

    static final CellStateReport SAMPLE = new CellStateReport("cell-1", "10.0.0.1", "z1",
            new Resources(1024, 4096, 10), new Resources(640, 3584, 7), 1,
            List.of(new Lrp("app-1", 0, "cf-apps", 128, 256), new Lrp("app-1", 1, "cf-apps", 128, 128),
                    new Lrp("app-2", 0, "cf-apps", 128, 128)),
            ROOTFS, List.of("blue"), List.of("green"), List.of("nfs"), false, 0);

    @Test
    void wireNamesAreDiegosSnakeCase() {
        String json = Json.write(SAMPLE);
        for (String field : List.of("\"cell_id\":\"cell-1\"", "\"zone\":\"z1\"",
                "\"total_resources\":{\"memory_mb\":1024,\"disk_mb\":4096,\"containers\":10}",
                "\"available_resources\":{\"memory_mb\":640", "\"starting_container_count\":1",
                "\"lrps\":[{\"process_guid\":\"app-1\",\"index\":0", "\"rootfs_providers\"",
                "\"placement_tags\":[\"blue\"]", "\"optional_placement_tags\":[\"green\"]",
                "\"volume_drivers\":[\"nfs\"]", "\"evacuating\":false", "\"proxy_memory_allocation_mb\":0")) {
            assertTrue(json.contains(field), field + " in " + json);
        }
        assertEquals(SAMPLE, Json.read(json, CellStateReport.class));
    }

    @Test
    void snapshotHasTheCellsResourcesInstancesAndFlags() {
        CellState s = SAMPLE.toCellState(4);
        assertEquals("cell-1", s.cellId());
        assertEquals("z1", s.zone());
        assertEquals(640, s.availableMemoryMb());
        assertEquals(3584, s.availableDiskMb());
        assertEquals(7, s.availableContainers());
        assertEquals(1, s.startingContainerCount());
        assertEquals(2, s.instancesOf("app-1"));
        assertEquals(1, s.instancesOf("app-2"));
        assertEquals(4, s.cellIndex());
        assertEquals(Set.of("nfs"), s.volumeDrivers());
        assertFalse(s.evacuating());
        assertTrue(s.presence().supportsRootfs("preloaded:cflinuxfs4"));
        assertEquals(List.of("blue"), s.presence().placementTags());
        assertEquals(List.of("green"), s.presence().optionalPlacementTags());
    }

    @Test
    void resourcesHeldBeyondTheListedLrpsStillCount() {
        CellStateReport report = new CellStateReport("c", "", "z1", new Resources(1000, 1000, 10),
                new Resources(500, 800, 7), 0, List.of(new Lrp("a", 0, "d", 100, 100)), ROOTFS, null, null, null,
                true, 0);
        CellState s = report.toCellState(0);
        assertEquals(500, s.availableMemoryMb());
        assertEquals(800, s.availableDiskMb());
        assertEquals(7, s.availableContainers());
        assertEquals(1, s.instancesOf("a"));
        assertTrue(s.evacuating());
    }

    @Test
    void coLocationAndStartingCountsDriveTheScheduler() {
        // Two equal cells except that cell-a already runs app-1: the new instance goes to cell-b.
        CellStateReport a = new CellStateReport("cell-a", "", "z1", new Resources(1000, 1000, 10),
                new Resources(900, 900, 9), 0, List.of(new Lrp("app-1", 0, "d", 100, 100)), ROOTFS,
                null, null, null, false, 0);
        CellStateReport b = new CellStateReport("cell-b", "", "z1", new Resources(1000, 1000, 10),
                new Resources(900, 900, 9), 0, List.of(new Lrp("app-2", 0, "d", 100, 100)), ROOTFS,
                null, null, null, false, 0);
        var result = Scheduler.schedule(List.of(LrpAuction.of("app-1", 1, "d", 100, 100, "preloaded:cflinuxfs4",
                List.of(), List.of())), List.of(a.toCellState(0), b.toCellState(1)));
        assertEquals(Set.of("cell-b"), result.placements().keySet());
    }

    @Test
    void unusableReportsAreRefused() {
        assertThrows(DiegoException.class, () -> new CellStateReport(null, "", "z", new Resources(1, 1, 1),
                new Resources(1, 1, 1), 0, null, null, null, null, null, false, 0).validate());
        assertThrows(DiegoException.class, () -> new CellStateReport("c", "", "z", null,
                new Resources(1, 1, 1), 0, null, null, null, null, null, false, 0).validate());
        assertThrows(DiegoException.class, () -> new CellStateReport("c", "", "z", new Resources(1, 1, 1),
                new Resources(1, -1, 1), 0, null, null, null, null, null, false, 0).validate());
        assertThrows(DiegoException.class, () -> new CellStateReport("c", "", "z", new Resources(1, 1, 1),
                new Resources(2, 1, 1), 0, null, null, null, null, null, false, 0).validate());
        assertThrows(DiegoException.class, () -> new CellStateReport("c", "", "z", new Resources(1, 1, 1),
                new Resources(1, 1, 1), -1, null, null, null, null, null, false, 0).validate());
        assertThrows(DiegoException.class, () -> new CellStateReport("c", "", "z", new Resources(1, 1, 1),
                new Resources(1, 1, 1), 0, List.of(new Lrp(null, 0, "d", 1, 1)), null, null, null, null, false, 0)
                .validate());
        assertThrows(DiegoException.class, () -> Json.read("{\"cell_id\":\"c\",\"total_resources\":\"lots\"}",
                CellStateReport.class));
    }
}
