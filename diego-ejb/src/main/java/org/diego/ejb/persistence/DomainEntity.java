package org.diego.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.diego.core.model.Domain;

/** One row of {@code domains}. */
@Entity
@Table(name = "domains")
@NamedQuery(name = "Domain.all", query = "SELECT d FROM DomainEntity d ORDER BY d.name")
public class DomainEntity {
    @Id @Column(name = "domain") private String name;
    @Column(name = "ttl_seconds") private long ttlSeconds;
    @Column(name = "expires_at") private long expiresAt;

    protected DomainEntity() {
    }

    public DomainEntity(Domain domain) {
        this.name = domain.name();
        update(domain);
    }

    public void update(Domain domain) {
        this.ttlSeconds = domain.ttlSeconds();
        this.expiresAt = domain.expiresAtNanos();
    }

    public Domain toModel() {
        return new Domain(name, ttlSeconds, expiresAt);
    }
}
