package org.diego.cell.garden.runc;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's disk limit: its writable layer (the overlay's upper and work dirs) lives on a filesystem
 * of its own, an ext4 image in the bundle mounted through a loop device, so writing past the limit fails
 * with ENOSPC as in Garden. Guardian enforces the same limit with XFS project quotas on one shared store;
 * this host's kernel has no quota support (neither CONFIG_QUOTA for ext4 nor XFS quotas), while a loop
 * device per container needs nothing but {@code mkfs.ext4} and {@code mount}, and costs no disk until
 * written (the image is sparse).
 *
 * <p>The image is a little larger than the limit, so that ext4's own metadata (inode tables, bitmaps:
 * 2–7 %, measured) never eats into what the processes were promised: they can write at least the limit
 * and at most about 4 % more. No journal (the layer dies with the container), no reserved blocks, no
 * room for online resizing.
 */
public final class ScratchDisk {
    static final String IMAGE = "disk.img";
    static final String MOUNT = "scratch";

    private ScratchDisk() {
    }

    /** Why this host cannot give containers a disk limit, or null if it can: checked once at start. */
    public static String unusableBecause() {
        if (!Files.exists(Path.of("/dev/loop-control"))) {
            return "no loop devices (/dev/loop-control)";
        }
        try {
            HostCommand.Result probe = HostCommand.run(List.of("mkfs.ext4", "-V"));
            return probe.ok() ? null : "mkfs.ext4 -V failed: " + probe.output();
        } catch (IOException e) {
            return "cannot run mkfs.ext4 (" + e.getMessage() + "; apt-get install e2fsprogs)";
        }
    }

    /** The image's size for a limit: the limit, 4 % for ext4's metadata, and half a MiB for the smallest. */
    static long imageBytes(long limitBytes) {
        if (limitBytes <= 0) {
            throw new IllegalArgumentException("a disk limit must be positive: " + limitBytes);
        }
        long withMetadata = limitBytes + limitBytes / 25 + 512 * 1024;
        return (withMetadata + 4095) / 4096 * 4096;
    }

    /**
     * Makes the filesystem for a {@code limitBytes} limit and mounts it at {@code <bundle>/scratch}; returns
     * that directory. On failure nothing of it is left mounted (the image goes with the bundle).
     */
    public static Path mount(Path bundle, long limitBytes) throws IOException {
        Path image = bundle.resolve(IMAGE);
        Path mountPoint = Files.createDirectories(bundle.resolve(MOUNT));
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(imageBytes(limitBytes)); // sparse: blocks are taken only as they are written
        }
        HostCommand.check(List.of("mkfs.ext4", "-q", "-F", "-T", "default", "-b", "4096", "-m", "0",
                "-O", "^has_journal,^resize_inode", "-E", "lazy_itable_init=1,nodiscard", image.toString()));
        // nodev and nosuid: the layer holds what container processes wrote, never the host's devices.
        HostCommand.check(List.of("mount", "-o", "loop,nodev,nosuid", image.toString(), mountPoint.toString()));
        return mountPoint;
    }

    /**
     * Unmounts the filesystem if it is mounted, after the overlay (mount's loop device goes with it, or once
     * a lazily detached one is free).
     */
    public static void release(Path bundle) throws IOException {
        RootfsLayer.unmount(bundle.resolve(MOUNT));
    }

    /** Whether {@code path} is the image file of {@code bundle} (its contents are what the disk use counts). */
    public static boolean isImage(Path bundle, Path path) {
        return path.equals(bundle.resolve(IMAGE));
    }

    /** Whether {@code path} is the overlay's work dir on the scratch disk of {@code bundle}. */
    public static boolean isWorkDir(Path bundle, Path path) {
        return path.equals(bundle.resolve(MOUNT).resolve(RootfsLayer.WORK));
    }
}
