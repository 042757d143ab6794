package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActionFirstRunTest {
    private static RunAction run(String path, String user) {
        return new RunAction(path, List.of(), null, List.of(), user);
    }

    @Test
    void findsTheFirstRunDepthFirstThroughWrappersAndLists() {
        Action tree = Action.of(new SerialAction(List.of(
                Action.of(new DownloadAction(null, "http://x/a.tgz", "/tmp", null, null, null, null, null)),
                Action.of(new TimeoutAction(Action.of(new ParallelAction(List.of(
                        Action.of(run("/first", "vcap")), Action.of(run("/second", "root"))), null)), null, 1000)),
                Action.of(run("/third", null))), null));
        assertEquals("/first", tree.firstRun().path());
        assertEquals("vcap", tree.firstRun().user());
    }

    @Test
    void aTreeWithoutRunHasNone() {
        assertNull(Action.of(new EmitProgressAction(
                Action.of(new DownloadAction(null, "http://x/a.tgz", "/tmp", null, null, null, null, null)),
                "start", "ok", "fail", null)).firstRun());
    }
}
