package org.diego.core.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.diego.core.model.DiegoException;
import org.diego.core.model.ErrorType;

/** JSON for the API and the JMS messages, with Diego's field names. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // Diego's decoders ignore fields they don't know, so newer clients keep working.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // Absent numeric fields default to 0 like Go's decoder. (FAIL_ON_NULL_FOR_PRIMITIVES is not used:
            // in Jackson 2.x it also rejects a primitive record component that is merely absent, so
            // {"process_guid":"p"} would fail as "null for instances"; see jackson-databind#5734.)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // Only record components go on the wire: helpers such as InstanceKey.isEmpty() are not fields.
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Types are strict like Go's decoder: "5" is not an int, 1.5 is not silently 1, 5 is not a string.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .withCoercionConfig(LogicalType.Textual, c -> c
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            // Enums travel by name; an ordinal would not even match Diego's numeric codes (InvalidJSON is 7 there).
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .serializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            .build();

    private Json() {
    }

    /** Decodes {@code json}; a malformed document or a wrongly typed field is an InvalidJSON error naming it. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null || json.isBlank()) {
            throw emptyBody();
        }
        try {
            return nonNull(MAPPER.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /** Like {@link #read(String, Class)} for UTF-8 bytes, without making a String of them first. */
    public static <T> T read(byte[] json, Class<T> type) {
        if (json == null || json.length == 0) {
            throw emptyBody();
        }
        try {
            return nonNull(MAPPER.readValue(json, type));
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IOException e) {
            throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON: " + e.getMessage());
        }
    }

    /** Parses a JSON document into a tree (InvalidJSON when it is not JSON). */
    public static JsonNode readTree(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw emptyBody();
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    /** The JSON tree {@link #write} would print, e.g. to hand a record to the protobuf bridge. */
    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /**
     * The top-level JSON properties of {@code value} by name, their values not yet serialised (for
     * encoders that stream a large list element by element), or null when the class serialises in any
     * way other than "each property as its own value" (Jackson annotations, a {@code @JsonValue}).
     */
    public static Map<String, Object> topLevel(Object value) {
        List<BeanPropertyDefinition> properties = PLAIN_PROPERTIES.get(value.getClass());
        if (properties == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : properties) {
            out.put(p.getName(), p.getAccessor().getValue(value));
        }
        return out;
    }

    private static final ClassValue<List<BeanPropertyDefinition>> PLAIN_PROPERTIES = new ClassValue<>() {
        @Override
        protected List<BeanPropertyDefinition> computeValue(Class<?> type) {
            BeanDescription bean = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
            if (bean.findJsonValueAccessor() != null || jacksonAnnotated(type.getAnnotations())) {
                return null;
            }
            List<BeanPropertyDefinition> properties = bean.findProperties();
            for (BeanPropertyDefinition p : properties) {
                if (p.getAccessor() == null || jacksonAnnotated(p.getAccessor().getAnnotated().getAnnotations())
                        || p.getField() != null && jacksonAnnotated(p.getField().getAnnotated().getAnnotations())) {
                    return null;
                }
                try {
                    // As Jackson's own serializers do for non-public records.
                    p.getAccessor().fixAccess(true);
                } catch (RuntimeException inaccessible) {
                    return null;
                }
            }
            return List.copyOf(properties);
        }
    };

    private static boolean jacksonAnnotated(java.lang.annotation.Annotation[] annotations) {
        for (java.lang.annotation.Annotation a : annotations) {
            if (a.annotationType().getName().startsWith("com.fasterxml.jackson.")) {
                return true;
            }
        }
        return false;
    }

    /** Binds a JSON tree with the same strict rules as {@link #read(String, Class)}. */
    public static <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return nonNull(MAPPER.treeToValue(tree, type));
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
    }

    private static DiegoException emptyBody() {
        return new DiegoException(ErrorType.InvalidJSON, "Invalid JSON: the request body is empty");
    }

    private static <T> T nonNull(T value) {
        if (value == null) {
            throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON: expected an object");
        }
        return value;
    }

    private static DiegoException invalid(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            String field = m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return new DiegoException(ErrorType.InvalidJSON, "Invalid JSON" + (field.isEmpty() ? "" : " in field " + field)
                    + ": " + m.getOriginalMessage());
        }
        return new DiegoException(ErrorType.InvalidJSON, "Invalid JSON: " + e.getOriginalMessage());
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Writes {@code value} as UTF-8 JSON to {@code out} without building the text first. */
    public static void write(Object value, OutputStream out) throws IOException {
        // The caller owns the stream: Jackson flushes it but must not close it.
        MAPPER.writer().without(JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
    }
}
