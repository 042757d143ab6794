package org.diego.core.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DropOldestBufferTest {
    @Test
    void dropsTheOldestWhenFullAndCountsThem() {
        DropOldestBuffer<Integer> buffer = new DropOldestBuffer<>(3);
        for (int i = 1; i <= 5; i++) {
            buffer.add(i);
        }
        assertEquals(List.of(3, 4, 5), buffer.take(10));
        assertEquals(2, buffer.takeDropped());
        assertEquals(0, buffer.takeDropped());
    }

    @Test
    void takesAtMostMaxInOrder() {
        DropOldestBuffer<Integer> buffer = new DropOldestBuffer<>(10);
        List.of(1, 2, 3).forEach(buffer::add);
        assertEquals(List.of(1, 2), buffer.take(2));
        assertEquals(1, buffer.size());
    }

    @Test
    void putBackRestoresOrderAsFarAsRoomAllows() {
        DropOldestBuffer<Integer> buffer = new DropOldestBuffer<>(3);
        List.of(1, 2, 3).forEach(buffer::add);
        List<Integer> taken = buffer.take(2);
        buffer.add(4);
        buffer.putBack(taken); // room for one: 2 goes back, 1 is dropped
        assertEquals(List.of(2, 3, 4), buffer.take(10));
        assertEquals(1, buffer.takeDropped());
    }

    @Test
    void rejectsZeroCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new DropOldestBuffer<>(0));
    }
}
