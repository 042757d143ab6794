package org.diego.cell.garden.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Resolves image rootfs URIs through the cell's image map (image ref → OCI layout directory or
 * {@code docker save} tarball) and keeps each image unpacked once, under
 * {@code <cache>/sha256-<hex>/rootfs} with its config beside it. An unpacked image is complete or absent:
 * it is built in a scratch directory and renamed into place, so a crash mid-unpack leaves only scratch
 * behind. Only images in the map can be used, so an app's rootfs URI can never name an arbitrary
 * directory of the cell.
 */
public final class ImageStore {
    private static final Logger LOG = Logger.getLogger(ImageStore.class.getName());
    static final String ROOTFS = "rootfs";
    static final String CONFIG = "image-config.json";

    private final Map<String, Path> images;
    private final Path cache;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** @param images image ref ({@code name[:tag]}, or a name used as {@code oci:///name}) → path on disk */
    public ImageStore(Map<String, Path> images, Path cache) {
        this.images = Map.copyOf(images);
        this.cache = cache.toAbsolutePath().normalize();
    }

    public Map<String, Path> images() {
        return images;
    }

    /**
     * The unpacked image a rootfs URI names, unpacking it on first use. An image the map does not list,
     * or one that cannot be read, is an IOException that says which.
     */
    public ResolvedImage resolve(String rootfs) throws IOException {
        ImageRef ref;
        try {
            ref = ImageRef.parse(rootfs);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path location = locate(ref);
        ImageSource source = Files.isDirectory(location) ? OciLayout.open(location, ref.tag())
                : DockerArchive.open(location, ref.keys());
        return unpacked(source);
    }

    /** The image's unpacked directory, made now if it is not cached yet. */
    public ResolvedImage unpacked(ImageSource source) throws IOException {
        String digest = Blobs.check(source.digest(), "image");
        Path dir = cache.resolve(digest.replace(':', '-'));
        synchronized (locks.computeIfAbsent(digest, d -> new Object())) {
            if (!Files.isDirectory(dir)) {
                unpack(source, dir);
            }
            return new ResolvedImage(dir.resolve(ROOTFS), ImageConfig.fromJson(Files.readAllBytes(dir.resolve(CONFIG))),
                    digest);
        }
    }

    private Path locate(ImageRef ref) throws IOException {
        for (String key : ref.keys()) {
            Path path = images.get(key);
            if (path != null) {
                return path;
            }
        }
        if (ImageRef.OCI.equals(ref.scheme())) {
            // oci:///var/lib/images/x: allowed when that path is one the map lists.
            Path asPath = Path.of("/" + ref.name()).normalize();
            if (images.containsValue(asPath)) {
                return asPath;
            }
        }
        throw new IOException("image " + ref + " is not available on this cell (images: "
                + new TreeSet<>(images.keySet()) + ")");
    }

    private void unpack(ImageSource source, Path dir) throws IOException {
        long started = System.nanoTime();
        Files.createDirectories(cache);
        Path scratch = Files.createTempDirectory(cache, ".unpack-");
        try {
            Path rootfs = Files.createDirectory(scratch.resolve(ROOTFS));
            Files.setAttribute(rootfs, "unix:mode", 0755);
            for (ImageSource.Layer layer : source.layers()) {
                try (InputStream blob = layer.open()) {
                    LayerUnpacker.apply(blob, layer.digest(), rootfs);
                }
            }
            Files.write(scratch.resolve(CONFIG), source.config().toJson());
            try {
                Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(scratch, dir);
            }
            LOG.info(() -> "image " + source.digest() + ": " + source.layers().size() + " layer(s) unpacked in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
        } finally {
            if (Files.exists(scratch)) {
                LayerUnpacker.deleteTree(scratch);
            }
        }
    }

    /** The cached images' directories (for tests and tooling). */
    List<Path> cached() throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (var dirs = Files.list(cache)) {
            return dirs.filter(d -> d.getFileName().toString().startsWith("sha256-")).sorted().toList();
        }
    }
}
