package org.diego.core.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diego.core.model.ActualLrp;
import org.diego.core.model.ActualLrpInternalRoute;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.InstanceKey;
import org.diego.core.model.NetInfo;
import org.diego.core.model.PortMapping;
import org.diego.core.model.RestartPolicy;
import org.diego.core.model.RunningInfo;

/** Generated ActualLRP listings: every state and presence, net info, routes, tags, long and non-ASCII text. */
final class ListingSamples {
    private ListingSamples() {
    }

    /** {@code count} running instances, as the listing benchmark seeds them. */
    static List<ActualLrp> running(int count) {
        List<ActualLrp> lrps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            InstanceKey owner = new InstanceKey("instance-guid-" + i, "cell-z1-" + (i % 100));
            lrps.add(ActualLrp.unclaimed(new ActualLrpKey("process-guid-" + (i / 10), i % 10, "cf-apps"), 1L, "epoch")
                    .claim(owner, 2L)
                    .start(owner, net(i), 1_767_225_600_000_000_000L + i));
        }
        return lrps;
    }

    /** {@code count} instances cycling through every shape a row can have. */
    static List<ActualLrp> varied(int count) {
        List<ActualLrp> lrps = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ActualLrpKey key = new ActualLrpKey("pg-" + (i / 7) + (i % 13 == 0 ? "-ünïcode-✓" : ""), i % 7,
                    i % 3 == 0 ? "cf-apps" : "d" + i);
            InstanceKey owner = new InstanceKey("ig-" + i, "cell-" + (i % 5));
            ActualLrp unclaimed = ActualLrp.unclaimed(key, 1_000L + i, "epoch-" + (i % 4));
            lrps.add(switch (i % 7) {
                case 0 -> unclaimed;
                case 1 -> unclaimed.failPlacement("insufficient resources: memory " + "x".repeat(i % 300));
                case 2 -> unclaimed.claim(owner, 2_000L + i);
                case 3 -> unclaimed.claim(owner, 2L).start(owner, net(i), Long.MAX_VALUE - i);
                case 4 -> unclaimed.claim(owner, 2L).start(owner, net(i), 3L)
                        .crash(owner, "Exited with status " + i, 4L + i, RestartPolicy.DEFAULT);
                case 5 -> ActualLrp.evacuating(key, owner, new RunningInfo(net(i),
                        List.of(new ActualLrpInternalRoute("h" + i + ".apps.internal")),
                        Map.of("app", "a" + i, "index", Integer.toString(i)), i % 2 == 0, "z" + (i % 3)), 5L, "ev");
                default -> ActualLrp.running(key, owner, new RunningInfo(NetInfo.EMPTY, List.of(), Map.of(), true, null),
                        6L, "run");
            });
        }
        return lrps;
    }

    private static NetInfo net(int i) {
        return new NetInfo("10.0." + (i % 250) + ".1",
                List.of(new PortMapping(8080, 61000 + i % 1000), new PortMapping(2222, 62000 + i % 1000, 61443, 61001)),
                "10.255.0." + (i % 250));
    }
}
