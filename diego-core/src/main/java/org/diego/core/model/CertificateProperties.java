package org.diego.core.model;

import java.util.List;

/** Extra subject fields for the instance identity certificate the cell issues. */
public record CertificateProperties(List<String> organizationalUnit) {
    public CertificateProperties {
        organizationalUnit = organizationalUnit == null ? List.of() : List.copyOf(organizationalUnit);
    }
}
