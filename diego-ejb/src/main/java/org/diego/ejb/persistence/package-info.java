/**
 * JPA entities for the BBS tables (schema owned by Flyway, see db/migration) and their mapping to
 * the diego-core records. Entities hold no rules: transitions happen on the core records.
 */
package org.diego.ejb.persistence;
