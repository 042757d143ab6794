package org.diego.core.model;

/** One health check: exactly one of a TCP connect or an HTTP GET. */
public record Check(TcpCheck tcpCheck, HttpCheck httpCheck) {

    public void validate(String field) {
        if ((tcpCheck == null) == (httpCheck == null)) {
            throw new ValidationException(field, "exactly one of tcp_check and http_check must be set");
        }
        if (tcpCheck != null) {
            Validation.port(Validation.sub(field, "tcp_check.port"), tcpCheck.port());
            Validation.nonNegative(Validation.sub(field, "tcp_check.connect_timeout_ms"), tcpCheck.connectTimeoutMs());
            Validation.nonNegative(Validation.sub(field, "tcp_check.interval_ms"), tcpCheck.intervalMs());
        } else {
            Validation.port(Validation.sub(field, "http_check.port"), httpCheck.port());
            Validation.nonNegative(Validation.sub(field, "http_check.request_timeout_ms"), httpCheck.requestTimeoutMs());
            Validation.nonNegative(Validation.sub(field, "http_check.interval_ms"), httpCheck.intervalMs());
        }
    }
}
