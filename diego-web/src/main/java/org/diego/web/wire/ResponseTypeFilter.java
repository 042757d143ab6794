package org.diego.web.wire;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import org.diego.core.wire.WireCodec;

/**
 * Sets the content type of every {@code @WireMessage} response, errors included, by
 * {@link WireMediaTypes#responseType}: JAX-RS's own negotiation ignores the request's content type,
 * which is all Diego's client sends.
 */
@Provider
public class ResponseTypeFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity != null && WireCodec.isWireMessage(entity.getClass())) {
            response.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE,
                    WireMediaTypes.responseType(request.getAcceptableMediaTypes(), request.getMediaType()));
        }
    }
}
