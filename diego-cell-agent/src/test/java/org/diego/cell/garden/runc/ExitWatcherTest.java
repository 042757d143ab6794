package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit files written as the shim writes them (temporary file, then rename) become exit statuses. */
class ExitWatcherTest {
    @TempDir
    Path dir;
    private ExitWatcher watcher;

    @AfterEach
    void close() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private void shimWrites(String name, String status) throws IOException {
        Path tmp = Files.writeString(dir.resolve(name + ".tmp"), status + "\n");
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void aStatusRenamedIntoPlaceCompletesItsFutureAndTheFileGoes() throws Exception {
        watcher = new ExitWatcher(dir);
        CompletableFuture<Integer> first = watcher.expect("c1.1.pid.exit");
        CompletableFuture<Integer> second = watcher.expect("c1.2.pid.exit");
        shimWrites("c1.2.pid.exit", "137");
        assertEquals(137, second.get(10, TimeUnit.SECONDS));
        assertFalse(first.isDone(), "only the process whose file came");
        shimWrites("c1.1.pid.exit", "0");
        assertEquals(0, first.get(10, TimeUnit.SECONDS));
        assertFalse(Files.exists(dir.resolve("c1.1.pid.exit")));
        assertFalse(Files.exists(dir.resolve("c1.2.pid.exit")));
    }

    @Test
    void aFileAlreadyThereIsCollectedAtOnce() throws Exception {
        watcher = new ExitWatcher(dir);
        watcher.expect("warm-up").complete(0); // starts the watcher
        shimWrites("fast.exit", "3");
        assertEquals(3, watcher.expect("fast.exit").get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFileWithoutAStatusFailsItsFutureAndOneNameIsAwaitedOnce() throws Exception {
        watcher = new ExitWatcher(dir);
        CompletableFuture<Integer> garbled = watcher.expect("garbled.exit");
        shimWrites("garbled.exit", "not-a-number");
        ExecutionException e = assertThrows(ExecutionException.class, () -> garbled.get(10, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("holds no status"), e.getCause().getMessage());

        watcher.expect("twice.exit");
        assertThrows(IOException.class, () -> watcher.expect("twice.exit"));
        watcher.forget("twice.exit");
        shimWrites("twice.exit", "0");
        assertEquals(0, watcher.expect("twice.exit").get(10, TimeUnit.SECONDS), "awaitable again once forgotten");
    }

    @Test
    void aClosedWatcherTakesNoMoreProcesses() {
        watcher = new ExitWatcher(dir);
        watcher.close();
        assertThrows(IOException.class, () -> watcher.expect("late.exit"));
    }
}
