package org.diego.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The BBS API at the root context, so Diego's paths ({@code /v1/...}) are unchanged. */
@ApplicationPath("/")
public class DiegoApi extends Application {
}
