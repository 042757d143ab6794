package org.diego.ejb.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.diego.core.json.Json;
import org.diego.core.model.CellPresence;

/** A cell's presence, alive until {@code expires_at} (nanoseconds) unless a heartbeat renews it. */
@Entity
@Table(name = "cell_presences")
@NamedQuery(name = "CellPresence.live",
        query = "SELECT c FROM CellPresenceEntity c WHERE c.expiresAt > :now ORDER BY c.cellId")
public class CellPresenceEntity {
    @Id @Column(name = "cell_id") private String cellId;
    @Column(name = "presence") private String presence;
    @Column(name = "expires_at") private long expiresAt;

    protected CellPresenceEntity() {
    }

    public CellPresenceEntity(CellPresence cell, long expiresAt) {
        this.cellId = cell.cellId();
        renew(cell, expiresAt);
    }

    public void renew(CellPresence cell, long expiresAtNanos) {
        this.presence = Json.write(cell);
        this.expiresAt = expiresAtNanos;
    }

    public CellPresence toModel() {
        return Json.read(presence, CellPresence.class);
    }
}
