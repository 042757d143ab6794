package org.diego.cell;

import java.time.Duration;

/**
 * The rep's sync and evacuation settings (Diego's rep: polling_interval, evacuation_polling_interval,
 * evacuation_timeout, and its admin listen address).
 *
 * @param syncInterval               bulk sync period while the cell is in service
 * @param evacuationPollingInterval  bulk sync period and container check while evacuating
 * @param evacuationTimeout          the agent exits after this long even with containers left
 * @param adminPort                  loopback admin port; 0 lets the system choose (see AdminServer)
 */
public record RepConfig(Duration syncInterval, Duration evacuationPollingInterval, Duration evacuationTimeout,
                        int adminPort) {
    public static final RepConfig DEFAULTS = new RepConfig(Duration.ofSeconds(30), Duration.ofSeconds(10),
            Duration.ofMinutes(10), 0);
}
