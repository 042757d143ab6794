/**
 * Request and response messages of the BBS routes, one record per Diego message, each annotated with
 * the protobuf message it travels as. Resources take and return these; the web module encodes them.
 */
package org.diego.core.api;
