package org.diego.web.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LimitTest {
    @Test
    void absentMeansEverythingKept() {
        assertEquals(1000, Limit.parse(null, 1000));
        assertEquals(1000, Limit.parse("", 1000));
    }

    @Test
    void isCappedAtTheCapacity() {
        assertEquals(5, Limit.parse("5", 1000));
        assertEquals(1000, Limit.parse("5000", 1000));
    }

    @Test
    void refusesWhatIsNotAPositiveIntegerNamingTheParameter() {
        assertEquals("limit must be a positive integer, not 'ten'",
                assertThrows(IllegalArgumentException.class, () -> Limit.parse("ten", 10)).getMessage());
        assertEquals("limit must be a positive integer, not 0",
                assertThrows(IllegalArgumentException.class, () -> Limit.parse("0", 10)).getMessage());
    }
}
