package org.diego.core.bridge.nsync;

import java.util.ArrayList;
import java.util.List;
import org.diego.core.model.Action;
import org.diego.core.model.Check;
import org.diego.core.model.CheckDefinition;
import org.diego.core.model.HttpCheck;
import org.diego.core.model.ParallelAction;
import org.diego.core.model.ResourceLimits;
import org.diego.core.model.RunAction;
import org.diego.core.model.TcpCheck;
import org.diego.core.model.TimeoutAction;

/**
 * CC's health check type as both forms Diego knows, one per app port:
 * <ul>
 *   <li>the legacy {@code monitor}: Diego's nsync recipe, the lifecycle's {@code healthcheck -port=P
 *       [-uri=PATH]} in a parallel action wrapped in a 10-minute timeout, run in the container;</li>
 *   <li>a {@code check_definition} with a TCP ({@code port}) or HTTP ({@code http}) check per port, what
 *       Diego's declarative health checks and CC's later recipes use.</li>
 * </ul>
 * This project's executor prefers the check definition (docs/09-executor.md) and probes from the host,
 * which works on both backends without the healthcheck binary; the monitor stays for a Diego cell
 * that would read it. {@code process} and {@code none} get neither: the instance is RUNNING as soon as
 * its process starts and crashes only when it exits.
 */
public final class HealthChecks {
    static final long MONITOR_TIMEOUT_MS = 10 * 60 * 1000L;

    private HealthChecks() {
    }

    /** The path an http check GETs: CC's endpoint, or "/" when it sent none. */
    static String httpPath(String type, String endpoint) {
        if (!"http".equals(type)) {
            return null;
        }
        return endpoint == null || endpoint.isEmpty() ? "/" : endpoint;
    }

    static boolean checked(String type) {
        return type == null || type.isEmpty() || "port".equals(type) || "http".equals(type);
    }

    /** The monitor, or null for process/none. */
    public static Action monitor(String type, String endpoint, List<Integer> ports, String user, String healthcheck) {
        if (!checked(type)) {
            return null;
        }
        String path = httpPath(type, endpoint);
        List<Action> runs = new ArrayList<>();
        for (int port : ports) {
            List<String> args = new ArrayList<>(List.of("-port=" + port));
            if (path != null) {
                args.add("-uri=" + path);
            }
            runs.add(Action.of(new RunAction(healthcheck, args, null, null,
                    new ResourceLimits(Recipes.DEFAULT_FILE_DESCRIPTORS, null), user, Recipes.HEALTH_LOG_SOURCE,
                    true, null)));
        }
        return Action.of(new TimeoutAction(Action.of(new ParallelAction(runs, null)), null, MONITOR_TIMEOUT_MS));
    }

    /** The check definition, or null for process/none. Timeouts and intervals take the executor's defaults. */
    public static CheckDefinition checks(String type, String endpoint, List<Integer> ports) {
        if (!checked(type)) {
            return null;
        }
        String path = httpPath(type, endpoint);
        List<Check> checks = new ArrayList<>();
        for (int port : ports) {
            checks.add(path == null ? new Check(new TcpCheck(port, 0, 0), null)
                    : new Check(null, new HttpCheck(port, 0, path, 0)));
        }
        return new CheckDefinition(checks, Recipes.HEALTH_LOG_SOURCE, null);
    }
}
