package org.diego.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RepOptionsTest {
    private static RepConfig parse(String... args) {
        CellAgentMain main = new CellAgentMain();
        new CommandLine(main).parseArgs(args);
        return main.rep.config();
    }

    @Test
    void defaultsAreDiegos() {
        assertEquals(RepConfig.DEFAULTS, parse("--cell-id", "c", "--work-dir", "/w"));
        assertEquals(new RepConfig(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofMinutes(10), 0),
                RepConfig.DEFAULTS);
    }

    @Test
    void everyOption() {
        assertEquals(new RepConfig(Duration.ofMillis(2000), Duration.ofMillis(500), Duration.ofMillis(60000), 18000),
                parse("--cell-id", "c", "--work-dir", "/w", "--sync-interval-ms", "2000",
                        "--evacuation-polling-interval-ms", "500", "--evacuation-timeout-ms", "60000",
                        "--admin-port", "18000"));
    }

    @Test
    void nonPositiveIntervalsAndBadPortsAreRefused() {
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--sync-interval-ms", "0"));
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--evacuation-timeout-ms", "-1"));
        assertThrows(CommandLine.ParameterException.class,
                () -> parse("--cell-id", "c", "--work-dir", "/w", "--admin-port", "70000"));
    }

    @Test
    void drainIsDispatchedWithoutTheAgentsRequiredOptions() {
        assertEquals(0, CellAgentMain.execute("drain", "--help"));
        assertEquals(2, CellAgentMain.execute("drain", "--bogus"));
    }
}
