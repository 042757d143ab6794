package org.diego.core.model;

import static org.diego.core.model.ActualLrpTest.MINE;
import static org.diego.core.model.ActualLrpTest.OTHER;
import static org.diego.core.model.ActualLrpTest.in;
import static org.diego.core.model.ActualLrpTransitionsTest.withPresence;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The deprecated ActualLRPGroup view and the per-index row set. */
class ActualLrpGroupTest {

    @ParameterizedTest(name = "instance {0} with an evacuating row -> {1}")
    @CsvSource({
            "UNCLAIMED, evacuating",
            "CLAIMED,   evacuating",
            "RUNNING,   instance",
            "CRASHED,   instance",
    })
    void resolvePrefersARunningOrCrashedInstanceElseTheEvacuatingOne(ActualLrpState state, String expected) {
        ActualLrp instance = in(state);
        ActualLrp evacuating = withPresence(in(ActualLrpState.RUNNING), Presence.EVACUATING);
        ActualLrpGroup group = new ActualLrpGroup(instance, evacuating);
        assertSame(expected.equals("instance") ? instance : evacuating, group.resolve());
    }

    @Test
    void aGroupWithOneRowResolvesToIt() {
        ActualLrp row = in(ActualLrpState.UNCLAIMED);
        assertSame(row, new ActualLrpGroup(row, null).resolve());
        assertSame(row, new ActualLrpGroup(null, row).resolve());
        assertEquals(ErrorType.InvalidRecord,
                assertThrows(DiegoException.class, () -> new ActualLrpGroup(null, null).resolve()).type());
    }

    /** Which of an ORDINARY and a SUSPECT row takes the instance slot, whatever order they come in. */
    @ParameterizedTest(name = "ordinary {0}, suspect {1} -> {2}")
    @CsvSource({
            "UNCLAIMED, RUNNING, suspect",
            "UNCLAIMED, CLAIMED, suspect",
            "CLAIMED,   RUNNING, suspect",
            "CLAIMED,   CLAIMED, suspect",
            "RUNNING,   RUNNING, ordinary",
            "RUNNING,   CLAIMED, ordinary",
    })
    void aSuspectServesUntilItsReplacementDoes(ActualLrpState ordinaryState, ActualLrpState suspectState, String expected) {
        ActualLrp ordinary = ordinaryState == ActualLrpState.UNCLAIMED ? in(ordinaryState) : owned(in(ordinaryState));
        ActualLrp suspect = withPresence(in(suspectState), Presence.SUSPECT);
        for (List<ActualLrp> rows : List.of(List.of(ordinary, suspect), List.of(suspect, ordinary))) {
            List<ActualLrpGroup> groups = ActualLrpGroup.resolveAll(rows);
            assertEquals(1, groups.size());
            assertSame(expected.equals("suspect") ? suspect : ordinary, groups.get(0).instance(), rows.toString());
            assertNull(groups.get(0).evacuating());
        }
    }

    @Test
    void groupsAreOnePerIndexInFirstSeenOrder() {
        ActualLrp a0 = in(ActualLrpState.RUNNING);
        ActualLrp evac = withPresence(in(ActualLrpState.RUNNING), Presence.EVACUATING);
        ActualLrp b = new ActualLrp("other", 0, "d", "", "", "", List.of(), "", 0, "", ActualLrpState.UNCLAIMED, "", 1,
                new ModificationTag("e", 0), Presence.ORDINARY);
        List<ActualLrpGroup> groups = ActualLrpGroup.resolveAll(List.of(evac, b, a0));
        assertEquals(List.of(new ActualLrpGroup(a0, evac), new ActualLrpGroup(b, null)), groups);
    }

    @Test
    void indexRowsFindTheRowAKeyHoldsInPrimaryKeyOrder() {
        ActualLrp ordinary = in(ActualLrpState.RUNNING);
        ActualLrp evacuating = withPresence(owned(in(ActualLrpState.RUNNING)), Presence.EVACUATING);
        IndexRows rows = IndexRows.of(List.of(evacuating, ordinary));
        assertSame(ordinary, rows.ordinary());
        assertSame(evacuating, rows.evacuating());
        assertSame(ordinary, rows.find(MINE));
        assertSame(evacuating, rows.find(OTHER));
        assertNull(rows.find(new InstanceKey("nobody", "nowhere")));
        assertEquals(List.of(ordinary, evacuating), rows.all());
        assertEquals(ErrorType.ResourceConflict,
                assertThrows(DiegoException.class, () -> IndexRows.of(List.of(ordinary, ordinary))).type());
        assertEquals(true, IndexRows.of(List.of()).isEmpty());
    }

    /** The same row held by OTHER instead of MINE. */
    static ActualLrp owned(ActualLrp a) {
        return new ActualLrp(a.processGuid(), a.index(), a.domain(), OTHER.instanceGuid(), OTHER.cellId(), a.address(),
                a.ports(), a.instanceAddress(), a.preferredAddress(), a.instanceIpv6Address(), a.crashCount(),
                a.crashReason(), a.state(), a.placementError(), a.since(), a.modificationTag(), a.presence(),
                a.actualLrpInternalRoutes(), a.metricTags(), a.routable(), a.availabilityZone());
    }
}
