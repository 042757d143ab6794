package org.diego.core.model;

/** A file the cell writes into the container at {@code path} before the process starts. */
public record File(String path, String content) {
}
