package org.diego.core.wire;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the message in Diego's protobuf schema (package {@code models}) that a request, response or
 * event record travels as, e.g. {@code @WireMessage("DesireLRPRequest")}. The record's JSON form
 * (snake case, Diego's jsontags) and the protobuf message carry the same fields.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireMessage {
    String value();
}
