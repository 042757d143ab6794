package org.diego.core.model;

/**
 * A consumer's claim that its desired state for {@code name} is complete (Diego's domain). The consumer
 * upserts it with a TTL in seconds and keeps re-upserting it; while it is fresh, convergence may take
 * destructive actions (retire extra or orphaned instances) for LRPs of that domain. TTL 0 means the
 * domain never expires. The stored form is the absolute expiry in epoch nanoseconds, as in Diego's
 * {@code domains.expire_time}; a domain is fresh while its expiry lies strictly after {@code now}.
 */
public record Domain(String name, long ttlSeconds, long expiresAtNanos) {
    /** Diego's TTL is a uint32 of seconds. */
    public static final long MAX_TTL_SECONDS = 0xFFFF_FFFFL;
    /** The expiry of a domain upserted with TTL 0. */
    public static final long NEVER = Long.MAX_VALUE;

    /**
     * The domain row an upsert at {@code nowNanos} stores. Refuses a blank name (field {@code domain})
     * and a negative or too large TTL (field {@code ttl}).
     */
    public static Domain upsert(String name, long ttlSeconds, long nowNanos) {
        validate(name, ttlSeconds);
        return new Domain(name, ttlSeconds, expiry(ttlSeconds, nowNanos));
    }

    /** Checks the client-supplied fields; throws {@link ValidationException} naming the first bad one. */
    public Domain validate() {
        validate(name, ttlSeconds);
        return this;
    }

    private static void validate(String name, long ttlSeconds) {
        Validation.required("domain", name);
        Validation.nonNegative("ttl", ttlSeconds);
        Validation.atMost("ttl", ttlSeconds, MAX_TTL_SECONDS);
    }

    /** True when destructive convergence is allowed for this domain at {@code nowNanos}. */
    public boolean isFreshAt(long nowNanos) {
        return expiresAtNanos > nowNanos;
    }

    /** True when the domain was upserted with TTL 0. */
    public boolean neverExpires() {
        return expiresAtNanos == NEVER;
    }

    private static long expiry(long ttlSeconds, long nowNanos) {
        if (ttlSeconds == 0) {
            return NEVER;
        }
        long ttlNanos = ttlSeconds * 1_000_000_000L; // at most 2^32 s: fits a long
        return nowNanos > NEVER - ttlNanos ? NEVER : nowNanos + ttlNanos;
    }
}
