/**
 * The BBS wire formats. {@code src/main/proto} holds Diego's protobuf schema (package {@code models},
 * same message names and field numbers, compiled into {@code org.diego.core.wire.proto}); records
 * name their message with {@link org.diego.core.wire.WireMessage}. {@link org.diego.core.wire.ProtoBridge}
 * converts between a message and Diego's JSON form of it, {@link org.diego.core.wire.WireCodec} between
 * a record and protobuf bytes, {@link org.diego.core.wire.WireEvents} builds SSE payloads.
 */
package org.diego.core.wire;
