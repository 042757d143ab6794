package org.diego.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads "Name:   value kB" fields such as /proc/self/status's VmRSS. */
final class ProcStatus {
    private ProcStatus() {
    }

    /** The field's number (kB for sizes), or -1 when the file or the field is missing. */
    static long field(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // a process that has gone
        }
        return -1;
    }

    static long selfKb(String name) {
        return field(Path.of("/proc/self/status"), name);
    }
}
