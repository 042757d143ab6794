package org.diego.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import org.diego.core.json.Json;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/**
 * Protobuf encoding of the records annotated {@link WireMessage}: a record goes to its JSON tree
 * (Jackson, Diego's names) and through {@link ProtoBridge} to the named message; bytes come back the
 * same way. The JSON form is thus the single source of truth for both wire formats.
 */
public final class WireCodec {
    private static final ClassValue<Descriptor> DESCRIPTORS = new ClassValue<>() {
        @Override
        protected Descriptor computeValue(Class<?> type) {
            WireMessage wire = type.getAnnotation(WireMessage.class);
            return wire == null ? null : Schema.message(wire.value());
        }
    };

    private WireCodec() {
    }

    /** Whether {@code type} names a message of Diego's schema. */
    public static boolean isWireMessage(Class<?> type) {
        return DESCRIPTORS.get(type) != null;
    }

    /** The message {@code type} travels as; IllegalArgumentException for a class without {@link WireMessage}. */
    public static Descriptor descriptor(Class<?> type) {
        Descriptor d = DESCRIPTORS.get(type);
        if (d == null) {
            throw new IllegalArgumentException(type.getName() + " is not annotated @WireMessage");
        }
        return d;
    }

    /** The protobuf message for {@code record}. */
    public static Message toMessage(Object record) {
        return ProtoBridge.toProto(Json.tree(record), descriptor(record.getClass()));
    }

    public static byte[] encode(Object record) {
        return ProtoBridge.encode(Json.tree(record), descriptor(record.getClass()));
    }

    /**
     * Writes the bytes of {@link #encode} to {@code out}, streaming: a list behind a repeated message field
     * (a listing of 100,000 ActualLRPs) is encoded one element at a time, never as one tree or one array.
     */
    public static void encode(Object record, OutputStream out) throws IOException {
        Descriptor type = descriptor(record.getClass());
        Map<String, Object> properties = Json.topLevel(record);
        if (properties == null) {
            out.write(encode(record));
        } else {
            ProtoWriter.stream(properties, type, out, Json::tree);
        }
    }

    /**
     * The record of {@code type} that {@code bytes} encode; empty bytes are the empty message. Bytes that
     * are not a valid message, or whose values the record cannot hold, are InvalidProtobufMessage.
     */
    public static <T> T decode(byte[] bytes, Class<T> type) {
        Descriptor descriptor = descriptor(type);
        Message message;
        try {
            message = DynamicMessage.parseFrom(descriptor, bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new DiegoException(ErrorType.InvalidProtobufMessage, "Invalid protobuf message for "
                    + descriptor.getName() + ": " + e.getMessage());
        }
        return fromMessage(message, type);
    }

    /** The record of {@code type} holding {@code message}'s values (zero values included, as Go decodes them). */
    public static <T> T fromMessage(Message message, Class<T> type) {
        JsonNode json = ProtoBridge.toJson(message, true);
        try {
            return Json.fromTree(json, type);
        } catch (DiegoException e) {
            throw new DiegoException(ErrorType.InvalidProtobufMessage, e.getMessage().replaceFirst("^Invalid JSON",
                    "Invalid protobuf message"));
        }
    }
}
