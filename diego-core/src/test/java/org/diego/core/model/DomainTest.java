package org.diego.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Domains (Diego §1.4): TTL in seconds, 0 = never expires, fresh while the expiry lies after now. */
class DomainTest {
    static final long NOW = 1_800_000_000_000_000_000L;
    static final long SEC = 1_000_000_000L;

    @Test
    void anUpsertExpiresTtlSecondsLater() {
        Domain d = Domain.upsert("cf-apps", 120, NOW);
        assertEquals(new Domain("cf-apps", 120, NOW + 120 * SEC), d);
        assertFalse(d.neverExpires());
    }

    @ParameterizedTest(name = "ttl 120 s, checked {0} ns after the upsert -> fresh {1}")
    @CsvSource({"0, true", "119999999999, true", "120000000000, false", "120000000001, false"})
    void freshUntilTheExpiryExclusive(long after, boolean fresh) {
        // Diego keeps domains with expire_time > now and prunes those with expire_time <= now.
        assertEquals(fresh, Domain.upsert("cf-apps", 120, NOW).isFreshAt(NOW + after));
    }

    @Test
    void ttlZeroNeverExpires() {
        Domain d = Domain.upsert("cf-apps", 0, NOW);
        assertTrue(d.neverExpires());
        assertTrue(d.isFreshAt(Long.MAX_VALUE - 1));
        assertEquals(Domain.NEVER, d.expiresAtNanos());
    }

    @Test
    void theLargestTtlDoesNotOverflow() {
        Domain d = Domain.upsert("cf-apps", Domain.MAX_TTL_SECONDS, NOW);
        assertTrue(d.isFreshAt(NOW + Domain.MAX_TTL_SECONDS * SEC - 1));
        assertTrue(Domain.upsert("x", Domain.MAX_TTL_SECONDS, Long.MAX_VALUE - 5).expiresAtNanos() == Domain.NEVER);
    }

    @ParameterizedTest
    @ValueSource(longs = {-1, -120, Long.MIN_VALUE})
    void aNegativeTtlIsRefusedNamingTtl(long ttl) {
        ValidationException e = assertThrows(ValidationException.class, () -> Domain.upsert("cf-apps", ttl, NOW));
        assertEquals("ttl", e.field());
        assertEquals(ErrorType.InvalidRequest, e.type());
        assertEquals("ttl", assertThrows(ValidationException.class,
                () -> new Domain("cf-apps", ttl, NOW).validate()).field());
    }

    @Test
    void aTtlBeyondUint32IsRefused() {
        assertEquals("ttl", assertThrows(ValidationException.class,
                () -> Domain.upsert("cf-apps", Domain.MAX_TTL_SECONDS + 1, NOW)).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void aBlankNameIsRefusedNamingDomain(String name) {
        assertEquals("domain", assertThrows(ValidationException.class, () -> Domain.upsert(name, 10, NOW)).field());
        assertEquals("domain", assertThrows(ValidationException.class, () -> Domain.upsert(null, 10, NOW)).field());
    }
}
