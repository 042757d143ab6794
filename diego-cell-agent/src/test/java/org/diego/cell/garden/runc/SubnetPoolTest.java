package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SubnetPoolTest {
    @Test
    void slotsAreSlash30sWithTheHostFirstAndTheContainerSecond() {
        SubnetPool pool = new SubnetPool("10.254.7.9/16");
        assertEquals("10.254.0.0/16", pool.cidr(), "host bits dropped");
        assertEquals(16384, pool.size());

        SubnetPool.Slot first = pool.reserve(s -> true).orElseThrow();
        assertEquals("10.254.0.1", first.hostIp());
        assertEquals("10.254.0.2", first.containerIp());
        assertEquals("dg0afe0000", first.hostInterface());
        assertTrue(first.hostInterface().length() <= 15, "a valid interface name");
        SubnetPool.Slot second = pool.reserve(s -> true).orElseThrow();
        assertEquals("10.254.0.6", second.containerIp());
        assertEquals("dg0afe0004", second.hostInterface());
    }

    @Test
    void skipsSlotsTheHostHasAndGoesRoundBeforeReusing() {
        SubnetPool pool = new SubnetPool("192.168.0.0/28"); // 4 slots
        Set<String> taken = Set.of("192.168.0.2");
        SubnetPool.Slot a = pool.reserve(s -> !taken.contains(s.containerIp())).orElseThrow();
        assertEquals("192.168.0.6", a.containerIp());
        pool.release(a);
        // The freed slot is not handed out again while others are free.
        assertEquals("192.168.0.10", pool.reserve(s -> true).orElseThrow().containerIp());
        assertEquals("192.168.0.14", pool.reserve(s -> true).orElseThrow().containerIp());
        assertEquals("192.168.0.2", pool.reserve(s -> true).orElseThrow().containerIp());
        assertEquals("192.168.0.6", pool.reserve(s -> true).orElseThrow().containerIp());
        assertTrue(pool.reserve(s -> true).isEmpty(), "exhausted");
        assertEquals(4, pool.inUse());
    }

    @Test
    void aSlotOfAnotherPoolIsNotReleased() {
        SubnetPool pool = new SubnetPool("10.1.0.0/30");
        SubnetPool.Slot only = pool.reserve(s -> true).orElseThrow();
        pool.release(new SubnetPool.Slot(0, SubnetPool.parse("10.2.0.0")));
        assertEquals(1, pool.inUse());
        pool.release(only);
        assertEquals(0, pool.inUse());
    }

    @Test
    void rejectsWhatIsNotAUsablePool() {
        assertThrows(IllegalArgumentException.class, () -> new SubnetPool("10.0.0.0"));
        assertThrows(IllegalArgumentException.class, () -> new SubnetPool("10.0.0.0/31"));
        assertThrows(IllegalArgumentException.class, () -> new SubnetPool("10.0.0.0/4"));
        assertThrows(IllegalArgumentException.class, () -> new SubnetPool("10.0.256.0/16"));
        assertThrows(IllegalArgumentException.class, () -> new SubnetPool("ten/16"));
    }
}
