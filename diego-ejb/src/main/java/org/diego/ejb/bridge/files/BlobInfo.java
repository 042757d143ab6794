package org.diego.ejb.bridge.files;

/** A stored blob: its size, MD5 (hex; the file server's ETag) and how many 1 MiB chunks hold it. */
public record BlobInfo(String key, long size, String md5, String contentType, int chunkCount) {
}
