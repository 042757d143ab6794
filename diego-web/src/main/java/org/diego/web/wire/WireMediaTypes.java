package org.diego.web.wire;

import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The two media types of the BBS routes and the rule that picks the response's. */
public final class WireMediaTypes {
    /** Diego's content type for protobuf bodies. */
    public static final String PROTOBUF = "application/x-protobuf";
    public static final MediaType PROTOBUF_TYPE = MediaType.valueOf(PROTOBUF);

    private WireMediaTypes() {
    }

    public static boolean isProtobuf(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && "x-protobuf".equalsIgnoreCase(type.getSubtype());
    }

    public static boolean isJson(MediaType type) {
        return type != null && "application".equalsIgnoreCase(type.getType())
                && "json".equalsIgnoreCase(type.getSubtype());
    }

    /**
     * The response's media type: the one {@code accept} names if it names exactly one of the two
     * (wildcards name neither), else the request's content type if it is one of them, else JSON.
     * Diego's Go client sends only {@code Content-Type: application/x-protobuf}, so it gets protobuf.
     */
    public static MediaType responseType(List<MediaType> accept, MediaType contentType) {
        boolean json = false;
        boolean protobuf = false;
        for (MediaType m : accept == null ? List.<MediaType>of() : accept) {
            json |= isJson(m);
            protobuf |= isProtobuf(m);
        }
        if (json != protobuf) {
            return protobuf ? PROTOBUF_TYPE : MediaType.APPLICATION_JSON_TYPE;
        }
        return isProtobuf(contentType) ? PROTOBUF_TYPE : MediaType.APPLICATION_JSON_TYPE;
    }
}
