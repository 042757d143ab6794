package org.diego.ejb.bridge.cc;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where Cloud Controller is: {@code diego.cc.base-url} (e.g. {@code http://cc.internal:9023}; unset = no
 * CC, the bulker and watcher stay idle), optional basic-auth {@code diego.cc.username} /
 * {@code diego.cc.password} (Diego's {@code cc_basic_auth_*}) and {@code diego.cc.timeout-millis} per
 * request (default 10 s).
 */
@ApplicationScoped
public class CcConfig {
    @Inject @ConfigProperty(name = "diego.cc.base-url")
    Optional<String> baseUrl;
    @Inject @ConfigProperty(name = "diego.cc.username")
    Optional<String> username;
    @Inject @ConfigProperty(name = "diego.cc.password")
    Optional<String> password;
    @Inject @ConfigProperty(name = "diego.cc.timeout-millis", defaultValue = "10000")
    long timeoutMillis;

    public Optional<String> baseUrl() {
        return baseUrl.map(String::strip).filter(s -> !s.isEmpty());
    }

    public String username() {
        return username.orElse("");
    }

    public String password() {
        return password.orElse("");
    }

    public Duration timeout() {
        return Duration.ofMillis(timeoutMillis);
    }
}
