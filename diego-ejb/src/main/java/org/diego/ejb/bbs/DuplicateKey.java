package org.diego.ejb.bbs;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;

/**
 * Whether a failed insert failed on a key that already exists: an integrity constraint violation
 * (SQLState class 23) anywhere in the cause chain. Lets a create rely on the primary key instead of
 * reading first; any other failure is not mistaken for "already exists".
 */
final class DuplicateKey {
    private DuplicateKey() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
