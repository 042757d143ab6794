package org.diego.ejb.bbs;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;
import org.diego.ejb.cluster.Fence;

/**
 * The database's side of fencing: inside the caller's transaction, raise the role's stored token to
 * the caller's and refuse (rolling the transaction back) when a newer holder has already written.
 * The upsert locks the role's row, so a stale holder and a new one cannot interleave. The lock lasts
 * until the caller's transaction ends, so one check per transaction and token is enough: a chunk of
 * convergence repairs pays it once.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class Fences {
    @PersistenceContext(unitName = "bbs")
    EntityManager em;
    @Resource
    TransactionSynchronizationRegistry transaction;

    /** The highest token the database has accepted for the role (0 if none): new tokens must exceed it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long highest(String role) {
        List<?> rows = em.createNativeQuery("SELECT token FROM role_fences WHERE role = ?1").setParameter(1, role)
                .getResultList();
        return rows.isEmpty() ? 0L : ((Number) rows.get(0)).longValue();
    }

    public void check(Fence fence) {
        String checked = "diego.fence-checked." + fence.role();
        if (Long.valueOf(fence.token()).equals(transaction.getResource(checked))) {
            return;
        }
        em.createNativeQuery("INSERT INTO role_fences (role, token) VALUES (?1, ?2)"
                        + " ON DUPLICATE KEY UPDATE token = GREATEST(token, VALUES(token))")
                .setParameter(1, fence.role()).setParameter(2, fence.token()).executeUpdate();
        long stored = ((Number) em.createNativeQuery("SELECT token FROM role_fences WHERE role = ?1")
                .setParameter(1, fence.role()).getSingleResult()).longValue();
        if (stored > fence.token()) {
            throw new DiegoException(ErrorType.LockCollision, "stale " + fence.role() + " holder: fencing token "
                    + fence.token() + " is older than " + stored);
        }
        transaction.putResource(checked, fence.token());
    }
}
