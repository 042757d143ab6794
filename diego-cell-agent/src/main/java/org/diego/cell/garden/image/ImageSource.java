package org.diego.cell.garden.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * One image, wherever it is stored: its manifest digest (the cache key), its config and its layers in
 * order, lowest first. {@link OciLayout} and {@link DockerArchive} read images on disk; a registry
 * client would implement this by fetching the manifest and then the blobs it names.
 */
public interface ImageSource {
    /** {@code sha256:<hex>} of the manifest; equal digests are the same image and share one unpacked rootfs. */
    String digest();

    ImageConfig config() throws IOException;

    List<Layer> layers();

    /** One layer blob: a tar, gzip-compressed or not; {@code digest} (if not null) is checked while reading. */
    interface Layer {
        String digest();

        InputStream open() throws IOException;
    }
}
