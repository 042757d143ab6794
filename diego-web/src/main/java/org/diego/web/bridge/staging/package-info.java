/**
 * The stager's routes under {@code /stager} (Diego's exact paths below the prefix, which keeps them
 * apart from the BBS's {@code /v1/...}). Bodies are read as bytes and written as strings, so no
 * provider of the BBS wire types is involved, and refusals are answered here with the stager's own
 * status codes rather than by the BBS's exception mappers.
 */
package org.diego.web.bridge.staging;
