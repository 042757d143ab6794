package org.diego.ejb.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.diego.core.model.RestartPolicy;
import org.diego.core.time.GuidGenerator;

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

    @Produces
    RestartPolicy restartPolicy() {
        return RestartPolicy.DEFAULT;
    }
}
