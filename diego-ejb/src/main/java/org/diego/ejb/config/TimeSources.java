package org.diego.ejb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;
import org.diego.core.model.RestartPolicy;
import org.diego.core.time.GuidGenerator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Producers for the clock, GUIDs and crash policy, so tests can substitute all three. */
@ApplicationScoped
public class TimeSources {
    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    GuidGenerator guids() {
        return GuidGenerator.RANDOM;
    }

    /** Diego's crash back-off; every constant is configurable so tests can shrink the schedule. */
    @Produces
    RestartPolicy restartPolicy(
            @ConfigProperty(name = "diego.restart.immediate-restarts", defaultValue = "3") int immediate,
            @ConfigProperty(name = "diego.restart.max-restarts", defaultValue = "200") int max,
            @ConfigProperty(name = "diego.restart.min-backoff-seconds", defaultValue = "30") long minBackoff,
            @ConfigProperty(name = "diego.restart.max-backoff-seconds", defaultValue = "960") long maxBackoff,
            @ConfigProperty(name = "diego.restart.crash-reset-seconds", defaultValue = "300") long crashReset) {
        return new RestartPolicy(immediate, max, Duration.ofSeconds(minBackoff), Duration.ofSeconds(maxBackoff),
                Duration.ofSeconds(crashReset));
    }
}
