/**
 * Classes protoc generates from {@code src/main/proto}: Diego's {@code models} schema and the
 * {@code diego.wire} field options. Use them to build or read messages directly (tests, clients);
 * the server goes through {@link org.diego.core.wire.WireCodec}.
 */
package org.diego.core.wire.proto;
