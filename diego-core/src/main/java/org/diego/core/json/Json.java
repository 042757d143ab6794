package org.diego.core.json;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
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
            throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON: the request body is empty");
        }
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON: expected an object");
            }
            return value;
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON" + (field.isEmpty() ? "" : " in field " + field)
                    + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new DiegoException(ErrorType.InvalidJSON, "Invalid JSON: " + e.getOriginalMessage());
        }
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }
}
