package org.diego.cell.garden.runc;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Exit statuses that processes' shims write as files into one directory ({@code <name>}: the status in
 * decimal, renamed into place so it is never read half-written), delivered as futures. One thread and one
 * inotify watch serve every process, where a JVM child per process costs a JDK reaper thread each (with
 * 250 instances, 250 threads and ≈ 15 MB of stacks). A sweep every second catches what an overflowing
 * event queue dropped.
 */
final class ExitWatcher implements Closeable {
    private static final Logger LOG = Logger.getLogger(ExitWatcher.class.getName());
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long STALE_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final Path dir;
    private final Map<String, CompletableFuture<Integer>> pending = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private WatchService watch;
    private Thread thread;
    private boolean closed;

    ExitWatcher(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    /**
     * The future exit status of the process whose shim writes {@code name}; watched from before the shim
     * starts, so no status is missed.
     */
    CompletableFuture<Integer> expect(String name) throws IOException {
        start();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        if (pending.putIfAbsent(name, exit) != null) {
            throw new IOException("exit file " + name + " is already awaited");
        }
        collect(name);
        return exit;
    }

    /** Stops waiting for {@code name} (its shim never started) and removes any file it left. */
    void forget(String name) {
        pending.remove(name);
        deleteQuietly(dir.resolve(name));
    }

    /** Starts the watching thread on the first process. */
    private void start() throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the backend is closed");
            }
            if (thread != null) {
                return;
            }
            Files.createDirectories(dir);
            watch = dir.getFileSystem().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            thread = new Thread(this::loop, "process-exits");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void loop() {
        long lastSweep = System.nanoTime();
        try {
            while (true) {
                WatchKey key = watch.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.context() instanceof Path name) {
                            collect(name.toString());
                        }
                    }
                    key.reset();
                }
                if (System.nanoTime() - lastSweep >= SWEEP_NANOS) {
                    List.copyOf(pending.keySet()).forEach(this::collect);
                    removeStale();
                    lastSweep = System.nanoTime();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    /** Completes {@code name}'s future if its file is there (a shim's temporary file is not awaited). */
    private void collect(String name) {
        CompletableFuture<Integer> exit = pending.get(name);
        if (exit == null) {
            return;
        }
        Path file = dir.resolve(name);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return; // not yet
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot read exit file " + file, e);
            return;
        }
        pending.remove(name);
        deleteQuietly(file);
        try {
            exit.complete(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            exit.completeExceptionally(new IOException("exit file " + file + " holds no status: " + text));
        }
    }

    /**
     * Removes files nobody awaits that are over a minute old: written by the shims of an earlier agent's
     * processes (destroyed as leftovers after it died) or of a process whose start was given up.
     */
    private void removeStale() {
        long cutoff = System.currentTimeMillis() - STALE_MILLIS;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (!pending.containsKey(file.getFileName().toString())
                        && Files.getLastModifiedTime(file).toMillis() < cutoff) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException e) {
            // next sweep
        }
    }

    /** Stops the thread; processes still running are never reported (the agent is stopping). */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            if (watch != null) {
                try {
                    watch.close();
                } catch (IOException e) {
                    // going anyway
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover is removed at the next start
        }
    }
}
