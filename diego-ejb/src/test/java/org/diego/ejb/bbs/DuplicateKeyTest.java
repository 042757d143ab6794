package org.diego.ejb.bbs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTimeoutException;
import org.junit.jupiter.api.Test;

/** Only a key violation somewhere under a persistence failure means "already exists". */
class DuplicateKeyTest {
    @Test
    void aDuplicateKeyUnderTheProvidersWrappers() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException("Duplicate entry 'pg' for key 'PRIMARY'",
                "23000", 1062);
        assertTrue(DuplicateKey.causes(new PersistenceException(new RuntimeException("provider", duplicate))));
        assertTrue(DuplicateKey.causes(new PersistenceException(new SQLException("dup", "23505"))));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(DuplicateKey.causes(new PersistenceException("no cause")));
        assertFalse(DuplicateKey.causes(new PersistenceException(new SQLTimeoutException("Lock wait timeout", "40001"))));
        assertFalse(DuplicateKey.causes(new PersistenceException(new SQLException("gone", "08S01"))));
        assertFalse(DuplicateKey.causes(new PersistenceException(new SQLException("no state"))));
    }
}
