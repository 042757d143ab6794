package org.diego.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The field-number check: docs/06-bbs-wire-format.md lists Diego's messages and enums (names, numbers,
 * types, oneofs and JSON keys as in Diego's bbs models/*.proto); the compiled schema must match every
 * row, and every field and enum value of the schema must have a row.
 */
class WireSchemaTableTest {
    static final Path DOC = Path.of("..", "docs", "06-bbs-wire-format.md");

    /** Rows by table heading ("ActualLRP", "enum Error.Type"), each row its cells. */
    static Map<String, List<List<String>>> tables;

    @BeforeAll
    static void parse() throws IOException {
        tables = new LinkedHashMap<>();
        String heading = null;
        for (String line : Files.readAllLines(DOC)) {
            if (line.startsWith("#### ")) {
                heading = line.substring(5).trim();
                tables.put(heading, new ArrayList<>());
            } else if (heading != null && line.startsWith("| ") && !line.startsWith("| field | number |")
                    && !line.startsWith("| value | number |")) {
                List<String> cells = new ArrayList<>();
                for (String cell : line.substring(1, line.length() - 1).split("\\|", -1)) {
                    cells.add(cell.trim());
                }
                tables.get(heading).add(cells);
            } else if (heading != null && line.startsWith("#")) {
                heading = null;
            }
        }
        assertTrue(tables.size() > 100, "expected the message tables in " + DOC);
    }

    @Test
    void everyMessageOfTheSchemaHasATableAndViceVersa() {
        TreeSet<String> inDoc = new TreeSet<>();
        tables.keySet().stream().filter(h -> !h.startsWith("enum ")).forEach(inDoc::add);
        TreeSet<String> inSchema = new TreeSet<>();
        Schema.messages().forEach(d -> inSchema.add(d.getName()));
        assertEquals(inDoc, inSchema);
    }

    @Test
    void everyFieldMatchesItsRowBothWays() {
        List<String> problems = new ArrayList<>();
        for (Descriptor message : Schema.messages()) {
            List<List<String>> rows = tables.getOrDefault(message.getName(), List.of());
            Map<String, List<String>> expected = new LinkedHashMap<>();
            rows.forEach(r -> expected.put(r.get(0), r));
            for (FieldDescriptor field : message.getFields()) {
                List<String> row = expected.remove(field.getName());
                List<String> actual = List.of(field.getName(), String.valueOf(field.getNumber()), type(field),
                        oneof(field), json(field));
                if (row == null) {
                    problems.add(message.getName() + "." + field.getName() + " has no row in the doc");
                } else if (!row.equals(actual)) {
                    problems.add(message.getName() + ": doc " + row + " but schema " + actual);
                }
            }
            expected.keySet().forEach(f -> problems.add(message.getName() + "." + f + " is in the doc only"));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyEnumMatchesItsTableBothWays() {
        Map<String, EnumDescriptor> enums = new LinkedHashMap<>();
        for (Descriptor message : Schema.messages()) {
            message.getEnumTypes().forEach(e -> enums.put("enum " + relative(e.getFullName()), e));
        }
        Schema.FILES.forEach(f -> f.getEnumTypes().forEach(e -> enums.put("enum " + relative(e.getFullName()), e)));
        TreeSet<String> inDoc = new TreeSet<>();
        tables.keySet().stream().filter(h -> h.startsWith("enum ")).forEach(inDoc::add);
        assertEquals(inDoc, new TreeSet<>(enums.keySet()));
        for (Map.Entry<String, EnumDescriptor> e : enums.entrySet()) {
            List<List<String>> actual = new ArrayList<>();
            for (EnumValueDescriptor v : e.getValue().getValues()) {
                actual.add(List.of(v.getName(), String.valueOf(v.getNumber())));
            }
            assertEquals(tables.get(e.getKey()), actual, e.getKey());
        }
    }

    static String type(FieldDescriptor f) {
        if (f.isMapField()) {
            Descriptor entry = f.getMessageType();
            return "map<" + single(entry.findFieldByNumber(1)) + ", " + single(entry.findFieldByNumber(2)) + ">";
        }
        return (f.isRepeated() ? "repeated " : "") + single(f);
    }

    static String single(FieldDescriptor f) {
        return switch (f.getJavaType()) {
            case MESSAGE -> relative(f.getMessageType().getFullName());
            case ENUM -> relative(f.getEnumType().getFullName());
            default -> f.getType().name().toLowerCase();
        };
    }

    static String relative(String fullName) {
        return fullName.startsWith("models.") ? fullName.substring("models.".length()) : fullName;
    }

    static String oneof(FieldDescriptor f) {
        return f.getRealContainingOneof() == null ? "" : f.getRealContainingOneof().getName();
    }

    static String json(FieldDescriptor f) {
        FieldPlan plan = new FieldPlan(f);
        return plan.shape == FieldPlan.Shape.FLATTEN ? "(flattened)" : plan.jsonKey;
    }
}
