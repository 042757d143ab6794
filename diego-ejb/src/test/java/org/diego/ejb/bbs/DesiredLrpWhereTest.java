package org.diego.ejb.bbs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The desired LRP list filters as JPQL: Diego's domain, process guid and app guid prefix filters. */
class DesiredLrpWhereTest {

    @Test
    void noFilterMatchesEverythingInGuidOrder() {
        DesiredLrpWhere where = DesiredLrpWhere.of(null, List.of(), null);
        assertEquals("SELECT d FROM DesiredLrpEntity d ORDER BY d.processGuid", where.select("d"));
        assertEquals(Map.of(), where.parameters());
        assertEquals("", DesiredLrpWhere.of("", null, List.of()).clause());
    }

    @Test
    void filtersCombineWithAnd() {
        DesiredLrpWhere where = DesiredLrpWhere.of("cf-apps", List.of("a", "b"), List.of("app1", "app2"));
        assertEquals(" WHERE d.domain = :domain AND d.processGuid IN :processGuids AND (d.processGuid LIKE :app0"
                + " ESCAPE '!' OR d.processGuid LIKE :app1 ESCAPE '!')", where.clause());
        assertEquals(Map.of("domain", "cf-apps", "processGuids", List.of("a", "b"), "app0", "app1%", "app1", "app2%"),
                where.parameters());
    }

    @Test
    void appGuidsMatchByLiteralPrefix() {
        // '_' is a valid guid character but a LIKE wildcard: it must only match itself.
        assertEquals("my!_app!%x!!%", DesiredLrpWhere.of(null, null, List.of("my_app%x!")).parameters().get("app0"));
    }

    @Test
    void selectsChosenColumns() {
        assertEquals("SELECT d.processGuid FROM DesiredLrpEntity d WHERE d.domain = :domain ORDER BY d.processGuid",
                DesiredLrpWhere.of("x", null, null).select("d.processGuid"));
    }
}
