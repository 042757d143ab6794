/**
 * Container images for the runc backend (the part of guardian that grootfs plays): a rootfs URI
 * {@code docker:///name#tag} or {@code oci:///name} names an image the cell's config maps to an OCI
 * image layout directory or a {@code docker save} tarball on disk; its layers are unpacked once, whiteouts
 * applied, into a read-only directory keyed by the manifest digest, which then serves as the overlay's
 * lower layer like a preloaded rootfs. The image config's Env, WorkingDir and User become the
 * container's process defaults. No registry is contacted: a registry client would be one more
 * {@link org.diego.cell.garden.image.ImageSource} (see docs/07-garden-runc.md).
 */
package org.diego.cell.garden.image;
