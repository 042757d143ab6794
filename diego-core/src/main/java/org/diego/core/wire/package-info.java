/**
 * The BBS wire formats: Diego's protobuf schema and the bridge between it and the JSON form of the
 * records in {@code api}, {@code model} and {@code events}.
 */
package org.diego.core.wire;
