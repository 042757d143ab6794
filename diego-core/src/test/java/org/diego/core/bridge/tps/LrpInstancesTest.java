package org.diego.core.bridge.tps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.diego.core.bridge.cc.LrpInstance;
import org.diego.core.bridge.cc.LrpInstanceState;
import org.diego.core.bridge.cc.LrpInstanceStats;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.PortMapping;
import org.diego.core.model.Presence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ActualLRPs as CC's instances: Diego's state mapping, one row per index, uptime and stats. */
class LrpInstancesTest {
    static final long SEC = 1_000_000_000L;

    static ActualLrp lrp(int index, ActualLrpState state, Presence presence, String placementError, long since) {
        return new ActualLrp("p", index, "cf-apps", "g-" + index + "-" + presence, "cell-1", "10.0.0.1",
                List.of(new PortMapping(8080, 61000), new PortMapping(2222, 61001)), "10.1.0.1", null, null, 0, "",
                state, placementError, since, null, presence, null, null, null, null);
    }

    @ParameterizedTest(name = "{0} [{1}] -> {2}")
    @CsvSource({
            "UNCLAIMED, '',                  STARTING",
            "UNCLAIMED, insufficient resources, DOWN",
            "CLAIMED,   '',                  STARTING",
            "RUNNING,   '',                  RUNNING",
            "CRASHED,   '',                  CRASHED"})
    void stateMapping(ActualLrpState state, String placementError, LrpInstanceState expected) {
        assertEquals(expected, LrpInstances.state(state, placementError));
    }

    @Test
    void noStateIsUnknown() {
        assertEquals(LrpInstanceState.UNKNOWN, LrpInstances.state(null, ""));
    }

    @Test
    void statusGivesSecondsAndThePlacementErrorAsDetails() {
        List<LrpInstance> out = LrpInstances.status(List.of(
                lrp(1, ActualLrpState.UNCLAIMED, Presence.ORDINARY, "found no compatible cell", 5 * SEC),
                lrp(0, ActualLrpState.RUNNING, Presence.ORDINARY, "", 10 * SEC)), 70 * SEC + 5);
        assertEquals(2, out.size());
        LrpInstance running = out.get(0);
        assertEquals(0, running.index());
        assertEquals(LrpInstanceState.RUNNING, running.state());
        assertEquals(10, running.since());
        assertEquals(60, running.uptime());
        assertEquals("10.0.0.1", running.netInfo().address());
        assertNull(running.host());
        assertNull(running.stats());
        LrpInstance down = out.get(1);
        assertEquals(LrpInstanceState.DOWN, down.state());
        assertEquals("found no compatible cell", down.details());
    }

    @Test
    void statsAddHostPortOf8080AndZeroACrashedInstance() {
        LrpInstanceStats s = new LrpInstanceStats("t", 0.25, 100, 200);
        List<LrpInstance> out = LrpInstances.stats(List.of(
                lrp(0, ActualLrpState.RUNNING, Presence.ORDINARY, "", 0),
                lrp(1, ActualLrpState.CRASHED, Presence.ORDINARY, "", 0),
                lrp(2, ActualLrpState.RUNNING, Presence.ORDINARY, "", 0)), Map.of(0, s, 1, s), 9 * SEC);
        assertEquals("10.0.0.1", out.get(0).host());
        assertEquals(61000, out.get(0).port());
        assertEquals(s, out.get(0).stats());
        assertEquals(9, out.get(0).uptime());
        assertEquals(0, out.get(1).uptime());
        assertEquals(new LrpInstanceStats("t", 0, 0, 0), out.get(1).stats());
        assertNull(out.get(2).stats());
    }

    @Test
    void aPortWithout8080ReportsZero() {
        assertEquals(0, LrpInstances.defaultPort(List.of(new PortMapping(9000, 61000))));
    }

    @Test
    void resolvePrefersARunningOrdinaryThenARunningEvacuatingThenSuspect() {
        ActualLrp ordinaryClaimed = lrp(0, ActualLrpState.CLAIMED, Presence.ORDINARY, "", 0);
        ActualLrp evacuating = lrp(0, ActualLrpState.RUNNING, Presence.EVACUATING, "", 0);
        ActualLrp suspect = lrp(0, ActualLrpState.RUNNING, Presence.SUSPECT, "", 0);
        ActualLrp ordinaryRunning = lrp(0, ActualLrpState.RUNNING, Presence.ORDINARY, "", 0);
        assertEquals(List.of(evacuating), LrpInstances.resolve(List.of(ordinaryClaimed, suspect, evacuating)));
        assertEquals(List.of(suspect), LrpInstances.resolve(List.of(ordinaryClaimed, suspect)));
        assertEquals(List.of(ordinaryRunning), LrpInstances.resolve(List.of(evacuating, ordinaryRunning)));
        assertEquals(List.of(ordinaryClaimed), LrpInstances.resolve(List.of(ordinaryClaimed)));
        assertEquals(List.of(evacuating), LrpInstances.resolve(List.of(evacuating)));
    }
}
