package org.diego.cell.rep;

import java.util.List;
import org.diego.core.messages.LrpWork;
import org.diego.core.messages.LrpWork.LrpStart;
import org.diego.core.model.Action;
import org.diego.core.model.ActualLrpKey;
import org.diego.core.model.DesiredLrp;
import org.diego.core.model.EnvironmentVariable;
import org.diego.core.model.RunAction;

/** Test data: LRP starts running a {@code /bin/sh -c} script. */
final class Lrps {
    static final String DOMAIN = "cf-apps";

    private Lrps() {
    }

    static LrpStart start(String processGuid, int index, int memoryMb, List<Integer> ports, String script) {
        RunAction run = new RunAction("/bin/sh", List.of("-c", script), null,
                List.of(new EnvironmentVariable("FROM_ACTION", "action")), null);
        DesiredLrp desired = DesiredLrp.builder().processGuid(processGuid).domain(DOMAIN)
                .rootfs("preloaded:cflinuxfs4").instances(1).memoryMb(memoryMb).diskMb(64)
                .env(List.of(new EnvironmentVariable("FROM_DESIRED", "desired"))).action(new Action(run))
                .ports(ports).build();
        return new LrpStart(new ActualLrpKey(processGuid, index, DOMAIN), desired);
    }

    static LrpWork work(LrpStart... starts) {
        return new LrpWork(List.of(starts));
    }
}
