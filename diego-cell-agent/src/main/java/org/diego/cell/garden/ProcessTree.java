package org.diego.cell.garden;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds and signals every process of a container. Without a pid namespace a container's processes are
 * its main processes plus their descendants; a process whose parent already exited has been re-parented
 * and is no longer a descendant, so every process also carries a marker environment entry and the
 * {@code /proc} scan finds those too (it also finds processes left over by an agent killed with -9).
 */
final class ProcessTree {
    private ProcessTree() {
    }

    /** The live processes of a container: the roots, their descendants and every carrier of {@code marker}. */
    static Set<ProcessHandle> find(Collection<ProcessHandle> roots, String marker) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        for (ProcessHandle root : roots) {
            // Collect descendants before anything is signalled: once a parent dies its children re-parent.
            root.descendants().forEach(found::add);
            if (root.isAlive()) {
                found.add(root);
            }
        }
        found.addAll(carriersOf(marker));
        return found;
    }

    /** SIGTERM ({@code kill == false}) or SIGKILL to each process. */
    static void signal(Collection<ProcessHandle> processes, boolean kill) {
        for (ProcessHandle p : processes) {
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
        }
    }

    /**
     * True once the process is dead or a zombie: a killed process that is not our child stays visible
     * until whoever adopted it reaps it, which some init processes do only every few seconds.
     */
    static boolean exited(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName > 0 && afterName + 2 < stat.length() && stat.charAt(afterName + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }

    /** Processes whose environment holds exactly the entry {@code marker} ("NAME=value"). Linux only. */
    static Set<ProcessHandle> carriersOf(String marker) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return found;
        }
        byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid != self && environHas(entry.resolve("environ"), needle)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            // /proc unreadable: fall back to the descendant walk alone.
        }
        return found;
    }

    private static boolean environHas(Path environ, byte[] needle) {
        byte[] env;
        try {
            env = Files.readAllBytes(environ);
        } catch (IOException | SecurityException e) {
            return false; // vanished, or another user's process
        }
        // Entries are NUL-separated; match a whole entry only.
        int start = 0;
        for (int i = 0; i <= env.length; i++) {
            if (i == env.length || env[i] == 0) {
                if (i - start == needle.length && regionEquals(env, start, needle)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    private static boolean regionEquals(byte[] env, int from, byte[] needle) {
        for (int j = 0; j < needle.length; j++) {
            if (env[from + j] != needle[j]) {
                return false;
            }
        }
        return true;
    }
}
