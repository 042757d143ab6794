package org.diego.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.math.BigInteger;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * Converts between Diego's JSON form of a message and the protobuf message, driven only by the
 * descriptors: JSON keys are field names unless {@code json_key} says otherwise, {@code flatten}ed
 * embeds share their parent's object, {@code raw_json} bytes are inlined JSON, {@code unwrap} skips a
 * one-field wrapper (ProtoRoutes). Enums travel by name, 64-bit integers as JSON numbers, bytes as
 * base64, and JSON keys the schema does not know are ignored.
 */
public final class ProtoBridge {
    private static final Map<Descriptor, FieldPlan[]> PLANS = new ConcurrentHashMap<>();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private ProtoBridge() {
    }

    static FieldPlan[] plan(Descriptor type) {
        FieldPlan[] plan = PLANS.get(type);
        if (plan == null) {
            plan = type.getFields().stream().map(FieldPlan::new).toArray(FieldPlan[]::new);
            PLANS.putIfAbsent(type, plan);
        }
        return plan;
    }

    // ---- JSON to protobuf -------------------------------------------------------------------------------

    /** The message of {@code type} that {@code json} describes; a value of the wrong JSON type is InvalidJSON. */
    public static Message toProto(JsonNode json, Descriptor type) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return DynamicMessage.getDefaultInstance(type);
        }
        try {
            return message(json, type);
        } catch (Mismatch e) {
            throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON" + e.describe());
        }
    }

    /**
     * The protobuf bytes of {@code toProto(json, type)}, written straight from the tree without building
     * the message (the fast path for responses and events).
     */
    public static byte[] encode(JsonNode json, Descriptor type) {
        return ProtoWriter.encode(json, type);
    }

    private static DynamicMessage message(JsonNode json, Descriptor type) {
        if (!json.isObject()) {
            throw new Mismatch("expected an object for " + type.getName());
        }
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        fill(builder, json, type);
        return builder.build();
    }

    private static void fill(DynamicMessage.Builder builder, JsonNode object, Descriptor type) {
        for (FieldPlan p : plan(type)) {
            if (p.shape == FieldPlan.Shape.FLATTEN) {
                // Like gogoproto's non-nullable embeds, the embedded message is always present.
                Descriptor embedded = p.field.getMessageType();
                DynamicMessage.Builder sub = DynamicMessage.newBuilder(embedded);
                fill(sub, object, embedded);
                builder.setField(p.field, sub.build());
                continue;
            }
            JsonNode value = object.get(p.jsonKey);
            if (value == null || value.isNull()) {
                continue;
            }
            try {
                set(builder, p, value);
            } catch (Mismatch e) {
                throw e.under(p.jsonKey);
            }
        }
    }

    private static void set(DynamicMessage.Builder builder, FieldPlan p, JsonNode value) {
        FieldDescriptor field = p.field;
        switch (p.shape) {
            case REPEATED -> {
                if (!value.isArray()) {
                    throw new Mismatch("expected an array");
                }
                for (int i = 0; i < value.size(); i++) {
                    try {
                        builder.addRepeatedField(field, single(field, p.rawJson, value.get(i)));
                    } catch (Mismatch e) {
                        throw e.at(i);
                    }
                }
            }
            case MAP -> {
                if (!value.isObject()) {
                    throw new Mismatch("expected an object");
                }
                Descriptor entryType = field.getMessageType();
                for (Map.Entry<String, JsonNode> e : value.properties()) {
                    if (e.getValue().isNull()) {
                        continue;
                    }
                    try {
                        builder.addRepeatedField(field, DynamicMessage.newBuilder(entryType)
                                .setField(p.mapKey, mapKey(p.mapKey, e.getKey()))
                                .setField(p.mapValue, single(p.mapValue, p.rawJson, e.getValue()))
                                .build());
                    } catch (Mismatch m) {
                        throw m.under(e.getKey());
                    }
                }
            }
            case UNWRAP -> {
                DynamicMessage.Builder wrapper = DynamicMessage.newBuilder(field.getMessageType());
                set(wrapper, p.inner, value);
                builder.setField(field, wrapper.build());
            }
            default -> {
                Object converted = single(field, p.rawJson, value);
                // Proto3 does not send zero values of fields without presence; skipping them keeps bytes minimal.
                if (p.tracksPresence || !converted.equals(field.getDefaultValue())) {
                    builder.setField(field, converted);
                }
            }
        }
    }

    /** The protobuf value of a JSON value of {@code field}'s type (a message for message fields). */
    static Object single(FieldDescriptor field, boolean rawJson, JsonNode v) {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32:
                if (v.isIntegralNumber() && v.canConvertToInt()) {
                    return v.intValue();
                }
                throw new Mismatch("expected a 32-bit integer, got " + brief(v));
            case UINT32, FIXED32:
                if (v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0 && v.longValue() <= 0xFFFF_FFFFL) {
                    return (int) v.longValue();
                }
                throw new Mismatch("expected an unsigned 32-bit integer, got " + brief(v));
            case INT64, SINT64, SFIXED64:
                if (v.isIntegralNumber() && v.canConvertToLong()) {
                    return v.longValue();
                }
                throw new Mismatch("expected a 64-bit integer, got " + brief(v));
            case UINT64, FIXED64:
                if (v.isIntegralNumber()) {
                    BigInteger big = v.bigIntegerValue();
                    if (big.signum() >= 0 && big.compareTo(TWO_TO_64) < 0) {
                        return big.longValue();
                    }
                }
                throw new Mismatch("expected an unsigned 64-bit integer, got " + brief(v));
            case DOUBLE:
                return number(v).doubleValue();
            case FLOAT:
                return number(v).floatValue();
            case BOOL:
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
                throw new Mismatch("expected a boolean, got " + brief(v));
            case STRING:
                if (v.isTextual()) {
                    return v.textValue();
                }
                throw new Mismatch("expected a string, got " + brief(v));
            case BYTES:
                return bytes(rawJson, v);
            case ENUM:
                if (v.isTextual()) {
                    EnumValueDescriptor e = field.getEnumType().findValueByName(v.textValue());
                    if (e != null) {
                        return e;
                    }
                    throw new Mismatch("unknown " + field.getEnumType().getName() + " " + v.textValue());
                }
                // Some of Diego's enums travel in JSON as their number (DesiredLRP's update_strategy).
                if (v.isInt()) {
                    EnumValueDescriptor e = field.getEnumType().findValueByNumber(v.intValue());
                    if (e != null) {
                        return e;
                    }
                    throw new Mismatch("unknown " + field.getEnumType().getName() + " number " + v.intValue());
                }
                throw new Mismatch("expected the name or number of a " + field.getEnumType().getName() + ", got " + brief(v));
            case MESSAGE, GROUP:
            default:
                return message(v, field.getMessageType());
        }
    }

    private static ByteString bytes(boolean rawJson, JsonNode v) {
        if (rawJson) {
            return ByteString.copyFromUtf8(v.toString());
        }
        if (v.isTextual()) {
            try {
                return ByteString.copyFrom(Base64.getDecoder().decode(v.textValue()));
            } catch (IllegalArgumentException e) {
                throw new Mismatch("expected base64, got " + brief(v));
            }
        }
        throw new Mismatch("expected a base64 string, got " + brief(v));
    }

    private static Number number(JsonNode v) {
        if (v.isNumber()) {
            return v.numberValue();
        }
        throw new Mismatch("expected a number, got " + brief(v));
    }

    static Object mapKey(FieldDescriptor key, String text) {
        try {
            return switch (key.getType()) {
                case STRING -> text;
                case BOOL -> Boolean.parseBoolean(text);
                case INT64, SINT64, SFIXED64 -> Long.parseLong(text);
                case UINT64, FIXED64 -> Long.parseUnsignedLong(text);
                case UINT32, FIXED32 -> Integer.parseUnsignedInt(text);
                default -> Integer.parseInt(text);
            };
        } catch (NumberFormatException e) {
            throw new Mismatch("map key " + text + " is not a " + key.getType().name().toLowerCase());
        }
    }

    private static String brief(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    // ---- protobuf to JSON -------------------------------------------------------------------------------

    /** Diego's JSON form of {@code message}, leaving out fields that hold their zero value. */
    public static ObjectNode toJson(Message message) {
        return toJson(message, false);
    }

    /**
     * Diego's JSON form of {@code message}. With {@code zeroValues}, fields without presence are written
     * even when empty: scalars as {@code ""}, {@code 0}, {@code false} or the first enum name (as Go's
     * decoder leaves them), repeated fields as {@code []} (except {@code nil_when_empty} ones, which Go
     * leaves nil) and maps as {@code {}}, so records bound from it never see null for them. Unset messages and unset oneof members are always left out. An enum
     * number the schema does not know, or raw-JSON bytes that are not JSON, are InvalidProtobufMessage.
     */
    public static ObjectNode toJson(Message message, boolean zeroValues) {
        try {
            ObjectNode out = NODES.objectNode();
            write(out, message, zeroValues);
            return out;
        } catch (Mismatch e) {
            throw new DiegoException(ErrorType.InvalidProtobufMessage, "Invalid protobuf message"
                    + e.describe());
        }
    }

    private static void write(ObjectNode out, Message m, boolean zeroValues) {
        for (FieldPlan p : plan(m.getDescriptorForType())) {
            if (p.shape == FieldPlan.Shape.FLATTEN) {
                write(out, (Message) m.getField(p.field), zeroValues);
                continue;
            }
            try {
                JsonNode value = fieldJson(m, p, zeroValues);
                if (value != null) {
                    out.set(p.jsonKey, value);
                }
            } catch (Mismatch e) {
                throw e.under(p.jsonKey);
            }
        }
    }

    /** The JSON value of one field of {@code m}, or null to leave the key out. */
    private static JsonNode fieldJson(Message m, FieldPlan p, boolean zeroValues) {
        FieldDescriptor field = p.field;
        switch (p.shape) {
            case REPEATED -> {
                int n = m.getRepeatedFieldCount(field);
                if (n == 0) {
                    return zeroValues && !p.nilWhenEmpty ? NODES.arrayNode() : null;
                }
                ArrayNode array = NODES.arrayNode(n);
                for (int i = 0; i < n; i++) {
                    try {
                        array.add(value(field, p.rawJson, m.getRepeatedField(field, i), zeroValues));
                    } catch (Mismatch e) {
                        throw e.at(i);
                    }
                }
                return array;
            }
            case MAP -> {
                int n = m.getRepeatedFieldCount(field);
                if (n == 0) {
                    return zeroValues ? NODES.objectNode() : null;
                }
                ObjectNode object = NODES.objectNode();
                for (int i = 0; i < n; i++) {
                    Message entry = (Message) m.getRepeatedField(field, i);
                    String key = String.valueOf(entry.getField(p.mapKey));
                    try {
                        object.set(key, value(p.mapValue, p.rawJson, entry.getField(p.mapValue), zeroValues));
                    } catch (Mismatch e) {
                        throw e.under(key);
                    }
                }
                return object;
            }
            case UNWRAP -> {
                if (!m.hasField(field)) {
                    return null;
                }
                JsonNode inner = fieldJson((Message) m.getField(field), p.inner, false);
                if (inner != null) {
                    return inner;
                }
                // A present but empty wrapper is an empty collection, not an absent field.
                return p.inner.shape == FieldPlan.Shape.REPEATED ? NODES.arrayNode() : NODES.objectNode();
            }
            default -> {
                boolean emit = m.hasField(field) || zeroValues && !p.tracksPresence;
                return emit ? value(field, p.rawJson, m.getField(field), zeroValues) : null;
            }
        }
    }

    private static JsonNode value(FieldDescriptor field, boolean rawJson, Object v, boolean zeroValues) {
        switch (field.getType()) {
            case INT32, SINT32, SFIXED32:
                return IntNode.valueOf((Integer) v);
            case UINT32, FIXED32:
                return integer(Integer.toUnsignedLong((Integer) v));
            case INT64, SINT64, SFIXED64:
                return integer((Long) v);
            case UINT64, FIXED64: {
                long bits = (Long) v;
                return bits >= 0 ? integer(bits) : BigIntegerNode.valueOf(new BigInteger(Long.toUnsignedString(bits)));
            }
            case DOUBLE:
                return DoubleNode.valueOf((Double) v);
            case FLOAT:
                return DoubleNode.valueOf((Float) v);
            case BOOL:
                return BooleanNode.valueOf((Boolean) v);
            case STRING:
                return TextNode.valueOf((String) v);
            case BYTES:
                return bytesJson(rawJson, (ByteString) v);
            case ENUM: {
                EnumValueDescriptor e = (EnumValueDescriptor) v;
                if (e.getType().findValueByNumber(e.getNumber()) == null) {
                    throw new Mismatch("unknown " + e.getType().getName() + " number " + e.getNumber());
                }
                return TextNode.valueOf(e.getName());
            }
            case MESSAGE, GROUP:
            default: {
                ObjectNode out = NODES.objectNode();
                write(out, (Message) v, zeroValues);
                return out;
            }
        }
    }

    private static JsonNode bytesJson(boolean rawJson, ByteString bytes) {
        if (!rawJson) {
            return TextNode.valueOf(Base64.getEncoder().encodeToString(bytes.toByteArray()));
        }
        if (bytes.isEmpty()) {
            return NODES.nullNode();
        }
        try {
            return Json.readTree(bytes.toStringUtf8());
        } catch (DiegoException e) {
            throw new Mismatch("not JSON: " + e.getMessage());
        }
    }

    /** Small numbers as IntNode, as Jackson's parser makes them, so trees compare equal. */
    private static JsonNode integer(long v) {
        return v == (int) v ? IntNode.valueOf((int) v) : LongNode.valueOf(v);
    }
}
