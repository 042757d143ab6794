/**
 * The BBS wire formats in JAX-RS: a reader and a writer for every record annotated
 * {@link org.diego.core.wire.WireMessage}, in {@code application/json} and {@code application/x-protobuf};
 * filters that decide which format a request body is in and which one the response uses; and the
 * request size limit. See docs/06-bbs-wire-format.md.
 */
package org.diego.web.wire;
