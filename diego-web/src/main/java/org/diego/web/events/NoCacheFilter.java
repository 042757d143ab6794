package org.diego.web.events;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/** The cache headers Diego's event streams carry, so no proxy holds back or replays events. */
@Provider
public class NoCacheFilter implements ContainerResponseFilter {
    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && type.isCompatible(MediaType.SERVER_SENT_EVENTS_TYPE)) {
            response.getHeaders().putSingle("Cache-Control", "no-cache, no-store, must-revalidate");
            response.getHeaders().putSingle("Connection", "keep-alive");
        }
    }
}
