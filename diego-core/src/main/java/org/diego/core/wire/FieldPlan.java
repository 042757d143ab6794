package org.diego.core.wire;

import com.google.protobuf.Descriptors.FieldDescriptor;
import org.diego.core.wire.proto.WireOptions;

/** How one protobuf field appears in Diego's JSON; computed once per field from the schema's options. */
final class FieldPlan {
    enum Shape { FLATTEN, UNWRAP, MESSAGE, MAP, REPEATED, SCALAR }

    final FieldDescriptor field;
    final String jsonKey;
    final Shape shape;
    /** Bytes holding JSON text (a bytes field, or the values of a map of bytes). */
    final boolean rawJson;
    /** A repeated field left out, rather than written as [], when a decoded message holds no element. */
    final boolean nilWhenEmpty;
    /** Emitted only when set, even when it holds its type's zero value (oneof members, messages). */
    final boolean tracksPresence;
    /** For maps: the entry's key and value fields. */
    final FieldDescriptor mapKey;
    final FieldDescriptor mapValue;
    /** For UNWRAP: the wrapped message's only field. */
    final FieldPlan inner;

    FieldPlan(FieldDescriptor field) {
        this.field = field;
        String key = field.getOptions().getExtension(WireOptions.jsonKey);
        this.jsonKey = key.isEmpty() ? field.getName() : key;
        boolean flatten = field.getOptions().getExtension(WireOptions.flatten);
        boolean unwrap = field.getOptions().getExtension(WireOptions.unwrap);
        this.rawJson = field.getOptions().getExtension(WireOptions.rawJson);
        this.tracksPresence = field.hasPresence();
        this.nilWhenEmpty = field.getOptions().getExtension(WireOptions.nilWhenEmpty);
        if (field.isMapField()) {
            shape = Shape.MAP;
            mapKey = field.getMessageType().findFieldByNumber(1);
            mapValue = field.getMessageType().findFieldByNumber(2);
        } else {
            mapKey = null;
            mapValue = null;
            if (field.isRepeated()) {
                shape = Shape.REPEATED;
            } else if (flatten || unwrap) {
                requireMessage(field);
                shape = flatten ? Shape.FLATTEN : Shape.UNWRAP;
            } else {
                shape = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? Shape.MESSAGE : Shape.SCALAR;
            }
        }
        if (shape == Shape.UNWRAP) {
            if (field.getMessageType().getFields().size() != 1) {
                throw new IllegalStateException(field.getFullName() + ": unwrap needs a message with one field");
            }
            inner = new FieldPlan(field.getMessageType().getFields().get(0));
        } else {
            inner = null;
        }
    }

    private static void requireMessage(FieldDescriptor field) {
        if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            throw new IllegalStateException(field.getFullName() + ": flatten and unwrap apply to message fields");
        }
    }
}
