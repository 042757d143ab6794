package org.diego.core.bridge.tps;

import java.util.Optional;
import org.diego.core.bridge.cc.AppCrashedRequest;
import org.diego.core.bridge.cc.AppReadinessChangedRequest;
import org.diego.core.bridge.cc.AppReschedulingRequest;
import org.diego.core.bridge.nsync.Recipes;
import org.diego.core.events.ActualLrpCrashed;
import org.diego.core.events.ActualLrpInstanceChanged;
import org.diego.core.events.ActualLrpInstanceRemoved;
import org.diego.core.events.BbsEvent;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.Presence;

/**
 * Which instance events of {@code cf-apps} LRPs the TPS watcher reports (Diego's tps watcher): a crash
 * ({@code crashed}, reason CRASHED, exit description = crash reason), the removal of an EVACUATING
 * instance ({@code rescheduling}, "Cell is being evacuated") and a change of {@code routable}
 * ({@code readiness_changed}, by Diego's rule for set/unset values). Everything else: nothing.
 */
public final class WatcherRules {
    public static final String EVACUATION_REASON = "Cell is being evacuated";

    private WatcherRules() {
    }

    public static Optional<AppNotification> of(BbsEvent event) {
        if (event instanceof ActualLrpCrashed c && app(c.domain())) {
            return Optional.of(new AppNotification(c.processGuid(), AppNotification.CRASHED,
                    new AppCrashedRequest(c.instanceGuid(), c.index(), c.cellId(), "CRASHED", 0, c.crashReason(),
                            c.crashCount(), c.since())));
        }
        if (event instanceof ActualLrpInstanceRemoved r && r.actualLrp() != null) {
            ActualLrp lrp = r.actualLrp();
            if (lrp.presence() == Presence.EVACUATING && app(lrp.domain())) {
                return Optional.of(new AppNotification(lrp.processGuid(), AppNotification.RESCHEDULING,
                        new AppReschedulingRequest(lrp.instanceGuid(), lrp.index(), lrp.cellId(), EVACUATION_REASON)));
            }
        }
        if (event instanceof ActualLrpInstanceChanged c && app(c.domain()) && c.before() != null && c.after() != null) {
            Optional<Boolean> ready = readinessChange(c.before().routable(), c.after().routable());
            if (ready.isPresent()) {
                return Optional.of(new AppNotification(c.processGuid(), AppNotification.READINESS_CHANGED,
                        new AppReadinessChangedRequest(c.instanceGuid(), c.index(), c.cellId(), ready.get())));
            }
        }
        return Optional.empty();
    }

    /**
     * Diego's calculateRoutableChange: both unset → nothing; newly set → report the new value; set then
     * unset → report ready only when it was not ready; both set → report when they differ.
     */
    public static Optional<Boolean> readinessChange(Boolean before, Boolean after) {
        if (before == null && after == null) {
            return Optional.empty();
        }
        if (before == null) {
            return Optional.of(after);
        }
        if (after == null) {
            return before ? Optional.empty() : Optional.of(true);
        }
        return before.equals(after) ? Optional.empty() : Optional.of(after);
    }

    private static boolean app(String domain) {
        return Recipes.APP_DOMAIN.equals(domain);
    }
}
