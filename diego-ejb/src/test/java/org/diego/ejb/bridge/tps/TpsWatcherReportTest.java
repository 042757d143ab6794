package org.diego.ejb.bridge.tps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.diego.core.bridge.tps.AppNotification;
import org.diego.core.events.ActualLrpCrashed;
import org.diego.core.events.DesiredLrpRemoved;
import org.diego.core.events.PublishedEvent;
import org.diego.core.model.DesiredLrp;
import org.junit.jupiter.api.Test;

/** The watcher's reading of events as the grid delivers them. */
class TpsWatcherReportTest {

    @Test
    void aCrashOfAnAppBecomesACrashedPost() {
        PublishedEvent p = PublishedEvent.decode(PublishedEvent.of(
                new ActualLrpCrashed("app", 0, "cf-apps", "ig", "cell", 1, "boom", 5)).encode());
        AppNotification n = TpsWatcher.report(p).orElseThrow();
        assertEquals("/internal/v4/apps/app/crashed", n.path());
    }

    @Test
    void otherEventTypesAreIgnoredUndecoded() {
        PublishedEvent removed = PublishedEvent.of(new DesiredLrpRemoved(
                DesiredLrp.builder().processGuid("app").domain("cf-apps").build(), ""));
        assertTrue(TpsWatcher.report(removed).isEmpty());
        PublishedEvent garbage = new PublishedEvent("made_up", null, null, false, "not json");
        assertTrue(TpsWatcher.report(garbage).isEmpty());
    }
}
