package org.diego.core.model;

/** The error object carried in every response body: {@code {"type": ..., "message": ...}}. */
public record DiegoError(ErrorType type, String message) {
}
