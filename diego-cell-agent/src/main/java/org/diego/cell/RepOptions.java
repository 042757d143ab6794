package org.diego.cell;

import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The agent's options for bulk sync, evacuation and the admin endpoint; a mixin of {@link CellAgentMain}. */
public final class RepOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
    @Option(names = "--sync-interval-ms", defaultValue = "30000",
            description = "Bulk sync of containers with the BBS, this often (default: ${DEFAULT-VALUE}).")
    long syncIntervalMs;
    @Option(names = "--evacuation-polling-interval-ms", defaultValue = "10000",
            description = "While evacuating: bulk sync and check for remaining containers this often "
                    + "(default: ${DEFAULT-VALUE}).")
    long evacuationPollingIntervalMs;
    @Option(names = "--evacuation-timeout-ms", defaultValue = "600000",
            description = "Exit this long after evacuation began, even with containers left "
                    + "(default: ${DEFAULT-VALUE}).")
    long evacuationTimeoutMs;
    @Option(names = "--admin-port", defaultValue = "0",
            description = "Loopback port of POST /evacuate and GET /ping; 0: any free port, written to "
                    + "<work-dir>/admin-port (default: ${DEFAULT-VALUE}).")
    int adminPort;

    RepConfig config() {
        if (syncIntervalMs <= 0 || evacuationPollingIntervalMs <= 0 || evacuationTimeoutMs <= 0
                || adminPort < 0 || adminPort > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "sync and evacuation intervals and the evacuation timeout must be positive; the admin port 0-65535");
        }
        return new RepConfig(Duration.ofMillis(syncIntervalMs), Duration.ofMillis(evacuationPollingIntervalMs),
                Duration.ofMillis(evacuationTimeoutMs), adminPort);
    }
}
