package org.diego.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.diego.cell.logs.LogConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LogOptionsTest {
    private static LogConfig parse(String... args) {
        CellAgentMain main = new CellAgentMain();
        new CommandLine(main).parseArgs(args);
        return main.logs.config();
    }

    @Test
    void defaultsReportMetricsEvery15Seconds() {
        assertEquals(LogConfig.DEFAULT, parse("--cell-id", "c", "--work-dir", "/w"));
        assertEquals(Duration.ofSeconds(15), LogConfig.DEFAULT.metricsInterval());
    }

    @Test
    void everyOption() {
        LogConfig config = parse("--cell-id", "c", "--work-dir", "/w", "--metrics-interval-ms", "1000",
                "--log-flush-interval-ms", "50", "--log-buffer-lines", "7");
        assertEquals(new LogConfig(Duration.ofSeconds(1), Duration.ofMillis(50), 7, LogConfig.DEFAULT.timeToLive()),
                config);
    }

    @Test
    void nonPositiveValuesAreRefused() {
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--metrics-interval-ms", "0"));
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--log-buffer-lines", "-1"));
    }
}
