package org.diego.core.bridge.tps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.diego.core.bridge.cc.AppCrashedRequest;
import org.diego.core.bridge.cc.AppReadinessChangedRequest;
import org.diego.core.bridge.cc.AppReschedulingRequest;
import org.diego.core.events.ActualLrpCrashed;
import org.diego.core.events.ActualLrpInfo;
import org.diego.core.events.ActualLrpInstanceChanged;
import org.diego.core.events.ActualLrpInstanceRemoved;
import org.diego.core.events.BbsEvent;
import org.diego.core.events.BbsEvents;
import org.diego.core.events.PublishedEvent;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.Presence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the TPS watcher tells CC, by event (Diego's tps watcher). */
class WatcherRulesTest {

    static ActualLrpInfo info(Boolean routable) {
        return new ActualLrpInfo("", null, "", null, "", 0, "", ActualLrpState.RUNNING, "", 0, null, Presence.ORDINARY,
                routable, "");
    }

    @Test
    void aCfAppsCrashIsReported() {
        AppNotification n = WatcherRules.of(new ActualLrpCrashed("app-v1", 2, "cf-apps", "ig", "cell-1", 3,
                "APP/PROC/WEB: Exited with status 1", 77)).orElseThrow();
        assertEquals("/internal/v4/apps/app-v1/crashed", n.path());
        assertEquals(new AppCrashedRequest("ig", 2, "cell-1", "CRASHED", 0, "APP/PROC/WEB: Exited with status 1", 3, 77),
                n.body());
    }

    @Test
    void otherDomainsAreIgnored() {
        assertTrue(WatcherRules.of(new ActualLrpCrashed("x", 0, "tests", "i", "c", 1, "r", 1)).isEmpty());
        assertTrue(WatcherRules.of(new ActualLrpInstanceChanged("x", 0, "tests", "i", "c", info(false), info(true), ""))
                .isEmpty());
    }

    @Test
    void removingAnEvacuatingInstanceIsRescheduling() {
        var evacuating = LrpInstancesTest.lrp(1, ActualLrpState.RUNNING, Presence.EVACUATING, "", 0);
        AppNotification n = WatcherRules.of(new ActualLrpInstanceRemoved(evacuating, "")).orElseThrow();
        assertEquals("/internal/v4/apps/p/rescheduling", n.path());
        assertEquals(new AppReschedulingRequest(evacuating.instanceGuid(), 1, "cell-1", "Cell is being evacuated"),
                n.body());
        var ordinary = LrpInstancesTest.lrp(1, ActualLrpState.RUNNING, Presence.ORDINARY, "", 0);
        assertTrue(WatcherRules.of(new ActualLrpInstanceRemoved(ordinary, "")).isEmpty());
    }

    @Test
    void aReadinessFlipIsReported() {
        AppNotification n = WatcherRules.of(new ActualLrpInstanceChanged("app", 0, "cf-apps", "ig", "c1", info(false),
                info(true), "")).orElseThrow();
        assertEquals("/internal/v4/apps/app/readiness_changed", n.path());
        assertEquals(new AppReadinessChangedRequest("ig", 0, "c1", true), n.body());
    }

    /** The watcher reads events as EventHub carries them between instances: (type, JSON). */
    @Test
    void eventsSurviveTheTripThroughTheGrid() {
        var evacuating = LrpInstancesTest.lrp(1, ActualLrpState.RUNNING, Presence.EVACUATING, "", 0);
        for (BbsEvent e : List.of(new ActualLrpCrashed("app", 2, "cf-apps", "ig", "cell-1", 3, "boom", 77),
                new ActualLrpInstanceRemoved(evacuating, "t"),
                new ActualLrpInstanceChanged("app", 0, "cf-apps", "ig", "c1", info(null), info(true), ""))) {
            PublishedEvent published = PublishedEvent.decode(PublishedEvent.of(e).encode());
            BbsEvent decoded = Json.read(published.json(), BbsEvents.classOf(published.type()));
            assertEquals(WatcherRules.of(e), WatcherRules.of(decoded), e.type());
            assertTrue(WatcherRules.of(decoded).isPresent(), e.type());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(nullValues = "null", value = {
            "null,  null,  null",
            "null,  true,  true",
            "null,  false, false",
            "true,  null,  null",
            "false, null,  true",
            "true,  true,  null",
            "false, false, null",
            "true,  false, false",
            "false, true,  true"})
    void diegosReadinessRule(Boolean before, Boolean after, Boolean reported) {
        assertEquals(Optional.ofNullable(reported), WatcherRules.readinessChange(before, after));
    }
}
