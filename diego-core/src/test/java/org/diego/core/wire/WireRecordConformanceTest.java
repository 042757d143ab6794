package org.diego.core.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.diego.core.api.PingResponse;
import org.junit.jupiter.api.Test;

/**
 * Every JSON property of every {@code @WireMessage} record (and of the records nested in it) has a
 * field in the protobuf message it travels as: a property the schema lacks would silently vanish from
 * protobuf answers while JSON clients still see it.
 */
class WireRecordConformanceTest {
    private static final ObjectMapper NAMES = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .build();

    @Test
    void everyRecordPropertyHasAProtobufField() throws Exception {
        List<Class<?>> wire = wireRecords();
        assertTrue(wire.size() > 50, "found only " + wire.size() + " @WireMessage records");
        List<String> problems = new ArrayList<>();
        for (Class<?> c : wire) {
            String name = c.getAnnotation(WireMessage.class).value();
            Descriptor d;
            try {
                d = Schema.message(name);
            } catch (RuntimeException e) {
                problems.add(c.getSimpleName() + ": no message " + name + " in the schema");
                continue;
            }
            check(NAMES.constructType(c), d, c.getSimpleName(), problems, new HashSet<>());
        }
        assertEquals(List.of(), problems);
    }

    private static void check(JavaType type, Descriptor d, String path, List<String> problems, Set<String> seen) {
        if (!seen.add(type.getRawClass().getName() + "@" + d.getFullName())) {
            return;
        }
        Map<String, FieldPlan> keys = keys(d);
        List<BeanPropertyDefinition> props = NAMES.getSerializationConfig().introspect(type).findProperties();
        for (BeanPropertyDefinition p : props) {
            if (p.getPrimaryMember() != null && p.getPrimaryMember().hasAnnotation(
                    com.fasterxml.jackson.annotation.JsonUnwrapped.class)) {
                check(p.getPrimaryType(), d, path, problems, seen);
                continue;
            }
            FieldPlan plan = keys.get(p.getName());
            if (plan == null) {
                problems.add(path + "." + p.getName() + ": no field in " + d.getName());
                continue;
            }
            JavaType t = p.getPrimaryType();
            JavaType element = t.isContainerType() ? t.getContentType() : t;
            FieldDescriptor f = plan.shape == FieldPlan.Shape.MAP ? plan.mapValue : plan.field;
            if (element != null && element.getRawClass().isRecord() && !JsonNode.class.isAssignableFrom(element.getRawClass())
                    && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && plan.shape != FieldPlan.Shape.UNWRAP) {
                check(element, f.getMessageType(), path + "." + p.getName(), problems, seen);
            }
        }
    }

    /** The JSON keys a message accepts, flattened children included. */
    private static Map<String, FieldPlan> keys(Descriptor d) {
        Map<String, FieldPlan> keys = new LinkedHashMap<>();
        for (FieldDescriptor f : d.getFields()) {
            FieldPlan plan = new FieldPlan(f);
            if (plan.shape == FieldPlan.Shape.FLATTEN) {
                keys.putAll(keys(f.getMessageType()));
            } else {
                keys.put(plan.jsonKey, plan);
            }
        }
        return keys;
    }

    private static List<Class<?>> wireRecords() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(PingResponse.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("org/diego/core"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, WireRecordConformanceTest.class.getClassLoader());
                if (c.isAnnotationPresent(WireMessage.class)) {
                    found.add(c);
                }
            }
        }
        return found;
    }
}
