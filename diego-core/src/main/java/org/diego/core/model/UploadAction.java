package org.diego.core.model;

/** Sends the container file {@code from} as the body of an HTTP POST to the URL {@code to}. */
public record UploadAction(String artifact, String from, String to, String logSource, String user) {

    public void validate(String field) {
        Validation.required(Validation.sub(field, "to"), to);
        Validation.required(Validation.sub(field, "from"), from);
        Validation.required(Validation.sub(field, "user"), user);
    }
}
