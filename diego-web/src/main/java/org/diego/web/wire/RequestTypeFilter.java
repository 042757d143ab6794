package org.diego.web.wire;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * A body that is not declared protobuf is JSON: a missing content type, and curl's
 * {@code application/x-www-form-urlencoded} for {@code -d}, are treated as {@code application/json}
 * before resource matching, so routes that consume the two wire types accept them. The content type
 * the client declared is kept in the request property {@link #DECLARED_TYPE} for the routes that read
 * their body themselves (the event streams, where Diego's client declares none).
 */
@Provider
@PreMatching
public class RequestTypeFilter implements ContainerRequestFilter {
    /** Request property: the {@code Content-Type} header as the client sent it, "" when it sent none. */
    public static final String DECLARED_TYPE = "org.diego.web.declared-content-type";

    @Override
    public void filter(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        request.setProperty(DECLARED_TYPE, declared == null ? "" : declared);
        MediaType type = request.getMediaType();
        if (!WireMediaTypes.isProtobuf(type) && !WireMediaTypes.isJson(type)) {
            // remove + add rather than putSingle: some containers hand over unmodifiable value lists.
            request.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            request.getHeaders().add(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
