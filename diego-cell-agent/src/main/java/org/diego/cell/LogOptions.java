package org.diego.cell;

import java.time.Duration;
import org.diego.cell.logs.LogConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The agent's options for log and metric forwarding; a mixin of {@link CellAgentMain}. */
public final class LogOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
    @Option(names = "--metrics-interval-ms", defaultValue = "15000",
            description = "Report every running container's CPU, memory and disk this often (default: ${DEFAULT-VALUE}).")
    long metricsIntervalMs;
    @Option(names = "--log-flush-interval-ms", defaultValue = "200",
            description = "Read containers' output and send log lines to the cluster this often "
                    + "(default: ${DEFAULT-VALUE}).")
    long flushIntervalMs;
    @Option(names = "--log-buffer-lines", defaultValue = "10000",
            description = "Log lines held while the cluster cannot take them; the oldest are dropped first "
                    + "(default: ${DEFAULT-VALUE}).")
    int bufferLines;

    LogConfig config() {
        if (metricsIntervalMs <= 0 || flushIntervalMs <= 0 || bufferLines <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--metrics-interval-ms, --log-flush-interval-ms and --log-buffer-lines must be positive");
        }
        return new LogConfig(Duration.ofMillis(metricsIntervalMs), Duration.ofMillis(flushIntervalMs), bufferLines,
                LogConfig.DEFAULT.timeToLive());
    }
}
