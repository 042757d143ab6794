package org.diego.ejb.bridge.tps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.diego.core.events.ActualLrpInfo;
import org.diego.core.events.ActualLrpInstanceChanged;
import org.diego.core.events.ActualLrpInstanceRemoved;
import org.diego.core.events.BbsEvent;
import org.diego.core.events.PublishedEvent;
import org.diego.core.json.Json;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpState;
import org.diego.core.model.PortMapping;
import org.diego.core.model.Presence;
import org.diego.ejb.bridge.cc.CloudControllerClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The watcher's event handling end to end short of HTTP: an event as the grid delivers it becomes the
 * POST (path and JSON body) a fake Cloud Controller receives, only while this instance holds the role.
 */
class TpsWatcherEventsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-01T00:00:00Z"), ZoneOffset.UTC);

    /** Records what the watcher would POST to CC. */
    static final class FakeCc extends CloudControllerClient {
        final List<String> posts = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        FakeCc() {
            super("http://cc.invalid", null, null, Duration.ofSeconds(1));
        }

        @Override
        public String post(String path, String json) {
            posts.add(path + " " + json);
            if (failing) {
                throw new IllegalStateException("CC is down");
            }
            return "{}";
        }
    }

    private final FakeCc cc = new FakeCc();
    private final TpsWatcher watcher = new TpsWatcher();

    @BeforeEach
    void holdTheRole() {
        watcher.cc = cc;
        watcher.posting = Runnable::run;
        watcher.holding = new Holding(CLOCK);
        watcher.holding.held(Duration.ofSeconds(6));
    }

    private void deliver(BbsEvent event) {
        watcher.onEvent(PublishedEvent.decode(PublishedEvent.of(event).encode()));
    }

    private static ActualLrp instance(String domain, Presence presence) {
        return new ActualLrp("app-1", 1, domain, "ig-1", "cell-1", "10.0.0.1", List.of(new PortMapping(8080, 61000)),
                "10.1.0.1", 0, "", ActualLrpState.RUNNING, "", 5, null, presence);
    }

    private static ActualLrpInfo info(Boolean routable) {
        return new ActualLrpInfo("", null, "", null, "", 0, "", ActualLrpState.RUNNING, "", 0, null, Presence.ORDINARY,
                routable, "");
    }

    private static ActualLrpInstanceChanged readiness(Boolean before, Boolean after) {
        return new ActualLrpInstanceChanged("app-1", 0, "cf-apps", "ig-0", "cell-2", info(before), info(after), "t");
    }

    private void assertPosted(int i, String path, String json) {
        String post = cc.posts.get(i);
        assertEquals(path, post.substring(0, post.indexOf(' ')));
        assertEquals(Json.readTree(json), Json.readTree(post.substring(post.indexOf(' ') + 1)), post);
    }

    @Test
    void anEvacuatedInstanceIsReschedulingWithItsReason() {
        deliver(new ActualLrpInstanceRemoved(instance("cf-apps", Presence.EVACUATING), "t"));
        assertEquals(1, cc.posts.size(), cc.posts.toString());
        assertPosted(0, "/internal/v4/apps/app-1/rescheduling",
                "{\"instance\":\"ig-1\",\"index\":1,\"cell_id\":\"cell-1\",\"reason\":\"Cell is being evacuated\"}");
    }

    @Test
    void removingAnOrdinaryOrForeignInstanceTellsNothing() {
        deliver(new ActualLrpInstanceRemoved(instance("cf-apps", Presence.ORDINARY), "t"));
        deliver(new ActualLrpInstanceRemoved(instance("other", Presence.EVACUATING), "t"));
        assertTrue(cc.posts.isEmpty(), cc.posts.toString());
    }

    @Test
    void readinessTogglesAreReadinessChanged() {
        deliver(readiness(false, true));
        deliver(readiness(true, true));
        deliver(readiness(true, false));
        assertEquals(2, cc.posts.size(), "no change, no post: " + cc.posts);
        assertPosted(0, "/internal/v4/apps/app-1/readiness_changed",
                "{\"instance\":\"ig-0\",\"index\":0,\"cell_id\":\"cell-2\",\"ready\":true}");
        assertPosted(1, "/internal/v4/apps/app-1/readiness_changed",
                "{\"instance\":\"ig-0\",\"index\":0,\"cell_id\":\"cell-2\",\"ready\":false}");
    }

    @Test
    void withoutTheRoleNothingIsPosted() {
        watcher.holding.release();
        deliver(new ActualLrpInstanceRemoved(instance("cf-apps", Presence.EVACUATING), "t"));
        deliver(readiness(false, true));
        assertTrue(cc.posts.isEmpty(), cc.posts.toString());
    }

    @Test
    void aFailingCcIsNotRetriedAndDoesNotEscape() {
        cc.failing = true;
        deliver(readiness(false, true));
        deliver(readiness(true, false));
        assertEquals(2, cc.posts.size(), "one try each, and the second event is still handled");
    }
}
