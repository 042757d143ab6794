package org.diego.cell.garden.image;

import java.nio.file.Path;

/** An image ready to use: its unpacked read-only rootfs, its process defaults and its manifest digest. */
public record ResolvedImage(Path rootfs, ImageConfig config, String digest) {
}
