package org.diego.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * Writes the protobuf bytes of a JSON tree directly, with the same rules as
 * {@link ProtoBridge#toProto} but without building a message first: responses listing 100,000 rows
 * are encoded in one pass into one growing buffer, or streamed element by element ({@link #stream}). A
 * nested message reserves one byte for its length and is moved when the length needs more (only for
 * messages of 128 bytes and more).
 */
final class ProtoWriter {
    private static final int LEN = 2;
    /** Streaming writes the buffer out once it holds this much. */
    static final int FLUSH_AT = 64 * 1024;
    private static final Map<Descriptor, FieldPlan[]> BY_NUMBER = new ConcurrentHashMap<>();

    private byte[] buf = new byte[4096];
    private int pos;

    private ProtoWriter() {
    }

    /** The bytes of the message of {@code type} that {@code json} describes; InvalidJSON like toProto. */
    static byte[] encode(JsonNode json, Descriptor type) {
        ProtoWriter w = new ProtoWriter();
        if (json != null && !json.isNull() && !json.isMissingNode()) {
            try {
                if (!json.isObject()) {
                    throw new Mismatch("expected an object for " + type.getName());
                }
                w.fields(json, type);
            } catch (Mismatch e) {
                throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON" + e.describe());
            }
        }
        return Arrays.copyOf(w.buf, w.pos);
    }

    /** Fields in number order, as protobuf's own serializers write them. */
    private static FieldPlan[] plan(Descriptor type) {
        FieldPlan[] plan = BY_NUMBER.get(type);
        if (plan == null) {
            plan = ProtoBridge.plan(type).clone();
            Arrays.sort(plan, Comparator.comparingInt(p -> p.field.getNumber()));
            BY_NUMBER.putIfAbsent(type, plan);
        }
        return plan;
    }

    private void fields(JsonNode object, Descriptor type) {
        for (FieldPlan p : plan(type)) {
            fieldOf(object, p);
        }
    }

    /** Writes the field {@code p} of {@code object} (nothing when absent). */
    private void fieldOf(JsonNode object, FieldPlan p) {
        if (p.shape == FieldPlan.Shape.FLATTEN) {
            int start = beginNested(p.field.getNumber());
            fields(object, p.field.getMessageType());
            endNested(start);
            return;
        }
        JsonNode value = object.get(p.jsonKey);
        if (value == null || value.isNull()) {
            return;
        }
        try {
            field(p, value);
        } catch (Mismatch e) {
            throw e.under(p.jsonKey);
        }
    }

    // ---- streaming ----------------------------------------------------------------------------------------

    /**
     * Writes the same bytes as {@link #encode} of the whole record's tree, to {@code out}, without the
     * whole tree: {@code properties} are the record's top-level JSON properties (unserialised values); a
     * list feeding a repeated message field is turned into a tree one element at a time, and the buffer
     * is flushed between elements, so memory stays bounded by one element and {@link #FLUSH_AT}.
     */
    static void stream(Map<String, Object> properties, Descriptor type, OutputStream out,
                       Function<Object, JsonNode> toTree) throws IOException {
        ProtoWriter w = new ProtoWriter();
        ObjectNode shallow = JsonNodeFactory.instance.objectNode();
        Map<String, List<?>> lists = new HashMap<>();
        for (Map.Entry<String, Object> e : properties.entrySet()) {
            Object value = e.getValue();
            if (value == null) {
                continue;
            }
            if (value instanceof List<?> list && streamsElements(type, e.getKey())) {
                lists.put(e.getKey(), list);
            } else {
                shallow.set(e.getKey(), toTree.apply(value));
            }
        }
        try {
            for (FieldPlan p : plan(type)) {
                List<?> list = lists.get(p.jsonKey);
                if (list == null) {
                    w.fieldOf(shallow, p);
                    continue;
                }
                for (int i = 0; i < list.size(); i++) {
                    Object element = list.get(i);
                    JsonNode tree = element == null ? NullNode.getInstance() : toTree.apply(element);
                    try {
                        w.nestedMessage(p.field.getNumber(), tree, p.field.getMessageType());
                    } catch (Mismatch m) {
                        throw m.at(i).under(p.jsonKey);
                    }
                    if (w.pos >= FLUSH_AT) {
                        w.flushTo(out);
                    }
                }
            }
        } catch (Mismatch e) {
            throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON" + e.describe());
        }
        w.flushTo(out);
    }

    /** Whether the top-level field under {@code jsonKey} is a repeated message, written element by element. */
    static boolean streamsElements(Descriptor type, String jsonKey) {
        for (FieldPlan p : plan(type)) {
            if (p.jsonKey.equals(jsonKey)) {
                return p.shape == FieldPlan.Shape.REPEATED && p.field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            }
        }
        return false;
    }

    private void flushTo(OutputStream out) throws IOException {
        out.write(buf, 0, pos);
        pos = 0;
    }

    private void field(FieldPlan p, JsonNode value) {
        FieldDescriptor field = p.field;
        switch (p.shape) {
            case REPEATED -> repeated(p, value);
            case MAP -> map(p, value);
            case UNWRAP -> {
                int start = beginNested(field.getNumber());
                field(p.inner, value);
                endNested(start);
            }
            case MESSAGE -> nestedMessage(field.getNumber(), value, field.getMessageType());
            default -> {
                Object v = ProtoBridge.single(field, p.rawJson, value);
                if (p.tracksPresence || !v.equals(field.getDefaultValue())) {
                    scalar(field, v);
                }
            }
        }
    }

    private void repeated(FieldPlan p, JsonNode value) {
        if (!value.isArray()) {
            throw new Mismatch("expected an array");
        }
        FieldDescriptor field = p.field;
        boolean packed = field.isPacked() && value.size() > 0;
        int start = packed ? beginNested(field.getNumber()) : 0;
        for (int i = 0; i < value.size(); i++) {
            JsonNode element = value.get(i);
            try {
                if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    nestedMessage(field.getNumber(), element, field.getMessageType());
                } else if (packed) {
                    rawScalar(field, ProtoBridge.single(field, p.rawJson, element));
                } else {
                    scalar(field, ProtoBridge.single(field, p.rawJson, element));
                }
            } catch (Mismatch e) {
                throw e.at(i);
            }
        }
        if (packed) {
            endNested(start);
        }
    }

    private void map(FieldPlan p, JsonNode value) {
        if (!value.isObject()) {
            throw new Mismatch("expected an object");
        }
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (e.getValue().isNull()) {
                continue;
            }
            try {
                int start = beginNested(p.field.getNumber());
                scalar(p.mapKey, ProtoBridge.mapKey(p.mapKey, e.getKey()));
                if (p.mapValue.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    nestedMessage(2, e.getValue(), p.mapValue.getMessageType());
                } else {
                    scalar(p.mapValue, ProtoBridge.single(p.mapValue, p.rawJson, e.getValue()));
                }
                endNested(start);
            } catch (Mismatch m) {
                throw m.under(e.getKey());
            }
        }
    }

    private void nestedMessage(int number, JsonNode value, Descriptor type) {
        if (!value.isObject()) {
            throw new Mismatch("expected an object for " + type.getName());
        }
        int start = beginNested(number);
        fields(value, type);
        endNested(start);
    }

    // ---- encoding -----------------------------------------------------------------------------------------

    private void scalar(FieldDescriptor field, Object v) {
        varint(((long) field.getNumber() << 3) | field.getLiteType().getWireType());
        rawScalar(field, v);
    }

    private void rawScalar(FieldDescriptor field, Object v) {
        switch (field.getType()) {
            case INT32, ENUM -> varint(v instanceof EnumValueDescriptor e ? e.getNumber() : (Integer) v);
            case UINT32 -> varint(Integer.toUnsignedLong((Integer) v));
            case SINT32 -> varint(Integer.toUnsignedLong(((Integer) v << 1) ^ ((Integer) v >> 31)));
            case INT64, UINT64 -> varint((Long) v);
            case SINT64 -> varint(((Long) v << 1) ^ ((Long) v >> 63));
            case BOOL -> varint((Boolean) v ? 1 : 0);
            case FIXED32, SFIXED32 -> fixed32((Integer) v);
            case FLOAT -> fixed32(Float.floatToRawIntBits((Float) v));
            case FIXED64, SFIXED64 -> fixed64((Long) v);
            case DOUBLE -> fixed64(Double.doubleToRawLongBits((Double) v));
            case STRING -> bytes(((String) v).getBytes(StandardCharsets.UTF_8));
            case BYTES -> bytes(((ByteString) v).toByteArray());
            default -> throw new IllegalStateException("not a scalar: " + field.getFullName());
        }
    }

    /** Writes the tag and a one-byte length placeholder; returns where the content starts. */
    private int beginNested(int number) {
        varint(((long) number << 3) | LEN);
        ensure(1);
        buf[pos++] = 0;
        return pos;
    }

    /** Fills in the length of the content written since {@code start}, widening the varint if needed. */
    private void endNested(int start) {
        int length = pos - start;
        int size = varintSize(length);
        if (size > 1) {
            ensure(size - 1);
            System.arraycopy(buf, start, buf, start + size - 1, length);
            pos += size - 1;
        }
        int at = start - 1;
        long v = length;
        while ((v & ~0x7FL) != 0) {
            buf[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[at] = (byte) v;
    }

    private void bytes(byte[] b) {
        varint(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
    }

    private void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        buf[pos++] = (byte) v;
    }

    private void fixed32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    private void fixed64(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buf[pos++] = (byte) (v >>> (8 * i));
        }
    }

    private static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
