package org.diego.ejb.bbs;

import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of a desired LRP list, in JPQL over {@code DesiredLrpEntity d}, like Diego's
 * filters: the domain, a set of process guids, and app guids that match process guids by prefix.
 * An absent or empty filter matches everything.
 */
record DesiredLrpWhere(String clause, Map<String, Object> parameters) {
    /** LIKE escape character; a backslash would itself need escaping in MySQL string literals. */
    private static final char ESCAPE = '!';

    static DesiredLrpWhere of(String domain, List<String> processGuids, List<String> appGuids) {
        List<String> terms = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (domain != null && !domain.isEmpty()) {
            terms.add("d.domain = :domain");
            params.put("domain", domain);
        }
        if (processGuids != null && !processGuids.isEmpty()) {
            terms.add("d.processGuid IN :processGuids");
            params.put("processGuids", List.copyOf(processGuids));
        }
        if (appGuids != null && !appGuids.isEmpty()) {
            List<String> prefixes = new ArrayList<>();
            for (int i = 0; i < appGuids.size(); i++) {
                prefixes.add("d.processGuid LIKE :app" + i + " ESCAPE '" + ESCAPE + "'");
                params.put("app" + i, escape(appGuids.get(i)) + "%");
            }
            terms.add("(" + String.join(" OR ", prefixes) + ")");
        }
        return new DesiredLrpWhere(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), params);
    }

    /** {@code SELECT <what> FROM DesiredLrpEntity d <where> ORDER BY d.processGuid}. */
    String select(String what) {
        return "SELECT " + what + " FROM DesiredLrpEntity d" + clause + " ORDER BY d.processGuid";
    }

    <Q extends Query> Q bind(Q query) {
        parameters.forEach(query::setParameter);
        return query;
    }

    /** A process guid that starts with the app guid literally: LIKE's wildcards in it match themselves. */
    static String escape(String literal) {
        StringBuilder out = new StringBuilder();
        for (char c : literal.toCharArray()) {
            if (c == '%' || c == '_' || c == ESCAPE) {
                out.append(ESCAPE);
            }
            out.append(c);
        }
        return out.toString();
    }
}
