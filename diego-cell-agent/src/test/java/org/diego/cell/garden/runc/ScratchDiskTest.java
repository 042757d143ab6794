package org.diego.cell.garden.runc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The scratch image's size for a limit, and what the disk use counts; the mounts are RuncBackendIT's. */
class ScratchDiskTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void theImageHoldsTheLimitAndExt4sMetadataInWholeBlocks() {
        for (long limit : new long[] {1, MIB, 16 * MIB, 1024 * MIB, 16384 * MIB}) {
            long image = ScratchDisk.imageBytes(limit);
            assertEquals(0, image % 4096, "whole 4 KiB blocks");
            // ext4 as made here keeps at most 3.8 % for itself from 4 MiB up, 7 % of 1 MiB (measured; the
            // half MiB covers that): usable ≥ limit. RuncBackendIT writes a whole limit through a real one.
            assertTrue(image >= limit + limit / 25, limit + " → " + image);
            assertTrue(image <= limit + limit / 20 + MIB, "at most about 4 % more than asked for: " + image);
        }
        assertThrows(IllegalArgumentException.class, () -> ScratchDisk.imageBytes(0));
    }

    @Test
    void theDiskUseSkipsTheImageAndTheOverlaysWorkDirButNotTheUpperLayer() {
        Path bundle = Path.of("/w/containers/h");
        assertTrue(ScratchDisk.isImage(bundle, bundle.resolve("disk.img")));
        assertFalse(ScratchDisk.isImage(bundle, bundle.resolve("scratch/upper/disk.img")));
        assertTrue(ScratchDisk.isWorkDir(bundle, bundle.resolve("scratch/work")));
        assertFalse(ScratchDisk.isWorkDir(bundle, bundle.resolve("scratch/upper/work")));
    }
}
