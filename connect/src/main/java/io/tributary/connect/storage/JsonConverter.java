package io.tributary.connect.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.config.ConfigDef;
import io.tributary.common.config.ParsedConfig;
import io.tributary.connect.data.DataException;
import io.tributary.connect.data.Decimal;
import io.tributary.connect.data.Field;
import io.tributary.connect.data.Schema;
import io.tributary.connect.data.SchemaAndValue;
import io.tributary.connect.data.SchemaBuilder;
import io.tributary.connect.data.Struct;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON, in Kafka Connect's format. With {@code schemas.enable=true} (the default) every key or value is an envelope
 * {@code {"schema": {...}, "payload": ...}} so a sink can rebuild typed data; with {@code false} it is the plain JSON
 * of the value, read back schemaless (objects as {@code Map}, arrays as {@code List}, integers as {@code Long},
 * decimals as {@code Double}). BYTES payloads are base64 text. Null stays null (a tombstone).
 *
 * <p>Schemas carry their {@code name}, {@code version} and {@code parameters} ({@code {"type":"bytes","optional":false,
 * "name":"org.apache.kafka.connect.data.Decimal","version":1,"parameters":{"scale":"2"}}}). A {@link Decimal} value is
 * written as Kafka writes it: with {@code decimal.format=BASE64} (the default) the base64 of its unscaled value's
 * two's-complement bytes ({@code 12.50} at scale 2 is {@code "BOI="}), with {@code NUMERIC} a JSON number
 * ({@code 12.50}); either is read back. A {@code BigDecimal} in schemaless data is written as a number.
 */
public class JsonConverter implements Converter {
    /** Whether keys/values carry the schema envelope. */
    public static final String SCHEMAS_ENABLE_CONFIG = "schemas.enable";
    /** How {@link Decimal} values are written: {@code BASE64} (default) or {@code NUMERIC} (Kafka's KIP-481). */
    public static final String DECIMAL_FORMAT_CONFIG = "decimal.format";

    static final ConfigDef CONFIG = new ConfigDef()
        .define(SCHEMAS_ENABLE_CONFIG, ConfigDef.Type.BOOLEAN, true,
            "write and expect the {\"schema\":...,\"payload\":...} envelope")
        .define(DECIMAL_FORMAT_CONFIG, ConfigDef.Type.STRING, "BASE64", (name, value) -> {
            String v = String.valueOf(value).trim().toUpperCase(java.util.Locale.ROOT);
            if (!v.equals("BASE64") && !v.equals("NUMERIC")) {
                throw new io.tributary.common.config.ConfigException(name, value, "BASE64 or NUMERIC");
            }
        }, "how Decimal values are written: BASE64 (the unscaled value's bytes, base64) or NUMERIC (a JSON number)");

    private static final String SCHEMA = "schema";
    private static final String PAYLOAD = "payload";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    // Plain decimals when writing, exact decimals when reading (a Decimal payload 12.50 keeps every digit).
    private final ObjectMapper mapper = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private boolean schemasEnabled = true;
    private boolean decimalsNumeric;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        ParsedConfig parsed = CONFIG.parse(configs);
        schemasEnabled = parsed.getBoolean(SCHEMAS_ENABLE_CONFIG);
        decimalsNumeric = parsed.getString(DECIMAL_FORMAT_CONFIG).trim().equalsIgnoreCase("NUMERIC");
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        if (schema == null && value == null) {
            return null;
        }
        JsonNode payload = toJson(schema, value, "value", decimalsNumeric);
        JsonNode out = payload;
        if (schemasEnabled) {
            ObjectNode envelope = NODES.objectNode();
            envelope.set(SCHEMA, schema == null ? NODES.nullNode() : schemaToJson(schema));
            envelope.set(PAYLOAD, payload);
            out = envelope;
        }
        try {
            return mapper.writeValueAsBytes(out);
        } catch (JsonProcessingException e) {
            throw new DataException("cannot write JSON for topic " + topic, e);
        }
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] bytes) {
        if (bytes == null) {
            return SchemaAndValue.NULL;
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (IOException e) {
            throw new DataException("record of topic " + topic + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!schemasEnabled) {
            return new SchemaAndValue(null, toValue(null, node));
        }
        if (!node.isObject() || node.size() != 2 || !node.has(SCHEMA) || !node.has(PAYLOAD)) {
            throw new DataException("JsonConverter with schemas.enable=true expects {\"schema\": ..., \"payload\": ...}"
                + " but a record of topic " + topic + " is not such an envelope; for plain JSON set "
                + "schemas.enable=false on the converter (key.converter.schemas.enable / value.converter.schemas.enable)");
        }
        JsonNode schemaNode = node.get(SCHEMA);
        Schema schema = schemaNode.isNull() ? null : schemaFromJson(schemaNode);
        return new SchemaAndValue(schema, toValue(schema, node.get(PAYLOAD)));
    }

    // ---- schema <-> JSON

    static ObjectNode schemaToJson(Schema schema) {
        ObjectNode n = NODES.objectNode();
        n.put("type", schema.type().jsonName());
        switch (schema.type()) {
            case STRUCT -> {
                ArrayNode fields = n.putArray("fields");
                for (Field f : schema.fields()) {
                    ObjectNode fn = schemaToJson(f.schema());
                    fn.put("field", f.name());
                    fields.add(fn);
                }
            }
            case ARRAY -> n.set("items", schemaToJson(schema.valueSchema()));
            case MAP -> {
                n.set("keys", schemaToJson(schema.keySchema()));
                n.set("values", schemaToJson(schema.valueSchema()));
            }
            default -> {
            }
        }
        n.put("optional", schema.isOptional());
        if (schema.name() != null) {
            n.put("name", schema.name());
        }
        if (schema.version() != null) {
            n.put("version", schema.version());
        }
        if (schema.parameters() != null) {
            ObjectNode params = n.putObject("parameters");
            schema.parameters().forEach(params::put);
        }
        return n;
    }

    static Schema schemaFromJson(JsonNode n) {
        JsonNode typeNode = n.get("type");
        if (typeNode == null || !typeNode.isTextual()) {
            throw new DataException("schema : " + n + " (expected: an object with a \"type\" string)");
        }
        Schema.Type type;
        try {
            type = Schema.Type.valueOf(typeNode.asText().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DataException("schema type : " + typeNode.asText() + " (expected: one of int8, int16, int32, "
                + "int64, float32, float64, boolean, string, bytes, array, map, struct)", e);
        }
        SchemaBuilder b = switch (type) {
            case STRUCT -> {
                SchemaBuilder sb = SchemaBuilder.struct();
                JsonNode fields = n.get("fields");
                if (fields == null || !fields.isArray()) {
                    throw new DataException("struct schema : " + n + " (expected: a \"fields\" array)");
                }
                for (JsonNode f : fields) {
                    JsonNode name = f.get("field");
                    if (name == null || !name.isTextual()) {
                        throw new DataException("struct field : " + f + " (expected: a \"field\" name)");
                    }
                    sb.field(name.asText(), schemaFromJson(f));
                }
                yield sb;
            }
            case ARRAY -> SchemaBuilder.array(schemaFromJson(require(n, "items")));
            case MAP -> SchemaBuilder.map(schemaFromJson(require(n, "keys")),
                schemaFromJson(require(n, "values")));
            default -> SchemaBuilder.type(type);
        };
        if (n.path("optional").asBoolean(false)) {
            b.optional();
        }
        if (n.hasNonNull("name")) {
            b.name(n.get("name").asText());
        }
        JsonNode version = n.get("version");
        if (version != null && version.isIntegralNumber()) {
            b.version(version.intValue());
        }
        JsonNode params = n.get("parameters");
        if (params != null && params.isObject()) {
            for (Map.Entry<String, JsonNode> p : params.properties()) {
                if (!p.getValue().isTextual()) {
                    throw new DataException("schema parameter " + p.getKey() + " : " + p.getValue()
                        + " (expected: a string)");
                }
                b.parameter(p.getKey(), p.getValue().textValue());
            }
        }
        return b.build();
    }

    private static JsonNode require(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new DataException("schema : " + n + " (expected: a \"" + field + "\" schema)");
        }
        return v;
    }

    // ---- value <-> JSON

    static JsonNode toJson(Schema schema, Object value, String where, boolean decimalsNumeric) {
        if (value == null) {
            if (schema != null && !schema.isOptional()) {
                throw new DataException(where + " : null (expected: a value, the schema is not optional)");
            }
            return NODES.nullNode();
        }
        if (schema == null) {
            return schemalessToJson(value, where);
        }
        if (Decimal.isDecimal(schema)) {
            if (!(value instanceof BigDecimal d)) {
                throw new DataException(where + " : " + value.getClass().getSimpleName() + " (expected: BigDecimal for "
                    + "a Decimal)");
            }
            return decimalsNumeric ? NODES.numberNode(rescale(d, schema, where))
                : NODES.binaryNode(Decimal.fromLogical(schema, d));
        }
        try {
            return switch (schema.type()) {
                case INT8 -> NODES.numberNode((Byte) value);
                case INT16 -> NODES.numberNode((Short) value);
                case INT32 -> NODES.numberNode((Integer) value);
                case INT64 -> NODES.numberNode((Long) value);
                case FLOAT32 -> NODES.numberNode((Float) value);
                case FLOAT64 -> NODES.numberNode((Double) value);
                case BOOLEAN -> NODES.booleanNode((Boolean) value);
                case STRING -> NODES.textNode((String) value);
                case BYTES -> NODES.binaryNode((byte[]) value);
                case ARRAY -> {
                    ArrayNode a = NODES.arrayNode();
                    for (Object item : (List<?>) value) {
                        a.add(toJson(schema.valueSchema(), item, where + "[]", decimalsNumeric));
                    }
                    yield a;
                }
                case MAP -> mapToJson(schema, (Map<?, ?>) value, where, decimalsNumeric);
                case STRUCT -> {
                    Struct s = (Struct) value;
                    ObjectNode o = NODES.objectNode();
                    for (Field f : schema.fields()) {
                        o.set(f.name(), toJson(f.schema(), s.get(f.name()), where + "." + f.name(), decimalsNumeric));
                    }
                    yield o;
                }
            };
        } catch (ClassCastException e) {
            throw new DataException(where + " : " + value.getClass().getSimpleName() + " (expected: a Java value of "
                + "schema type " + schema.type() + ")", e);
        }
    }

    private static JsonNode mapToJson(Schema schema, Map<?, ?> map, String where, boolean decimalsNumeric) {
        boolean stringKeys = schema.keySchema().type() == Schema.Type.STRING;
        if (stringKeys) {
            ObjectNode o = NODES.objectNode();
            map.forEach((k, v) -> o.set((String) k, toJson(schema.valueSchema(), v, where + "." + k,
                decimalsNumeric)));
            return o;
        }
        // Non-string keys cannot be JSON object names: write [key, value] pairs, as Kafka Connect does.
        ArrayNode pairs = NODES.arrayNode();
        map.forEach((k, v) -> pairs.add(NODES.arrayNode()
            .add(toJson(schema.keySchema(), k, where + ".key", decimalsNumeric))
            .add(toJson(schema.valueSchema(), v, where + "." + k, decimalsNumeric))));
        return pairs;
    }

    /** {@code d} at the schema's scale, refusing to round (a value of another scale is a bug upstream). */
    private static BigDecimal rescale(BigDecimal d, Schema schema, String where) {
        try {
            return d.setScale(Decimal.scale(schema), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new DataException(where + " : " + d.toPlainString() + " (expected: a decimal of scale "
                + Decimal.scale(schema) + " without rounding)", e);
        }
    }

    private static JsonNode schemalessToJson(Object value, String where) {
        if (value instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            m.forEach((k, v) -> o.set(String.valueOf(k), schemalessToJson(v, where + "." + k)));
            return o;
        }
        if (value instanceof List<?> l) {
            ArrayNode a = NODES.arrayNode();
            l.forEach(v -> a.add(schemalessToJson(v, where + "[]")));
            return a;
        }
        if (value instanceof Struct s) {
            return toJson(s.schema(), s, where, false);
        }
        return value == null ? NODES.nullNode() : plain(value, where);
    }

    private static JsonNode plain(Object value, String where) {
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof Double) {
            return NODES.numberNode(((Number) value).doubleValue());
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof java.util.Date d) {
            // What TimestampConverter gives schemaless data: written as epoch milliseconds.
            return NODES.numberNode(d.getTime());
        }
        if (value instanceof byte[] bytes) {
            return NODES.binaryNode(bytes);
        }
        throw new DataException(where + " : " + value.getClass().getName() + " (expected: String, Boolean, a number, "
            + "byte[], List, Map or Struct for schemaless JSON)");
    }

    static Object toValue(Schema schema, JsonNode n) {
        if (n == null || n.isNull()) {
            if (schema != null && !schema.isOptional()) {
                throw new DataException("payload : null (expected: a value, the schema " + schema
                    + " is not optional)");
            }
            return null;
        }
        if (schema == null) {
            return schemalessValue(n);
        }
        if (Decimal.isDecimal(schema)) {
            if (n.isNumber()) {
                return rescale(n.decimalValue(), schema, "payload");
            }
            try {
                byte[] bytes = n.isTextual() || n.isBinary() ? n.binaryValue() : null;
                if (bytes == null) {
                    throw new DataException("payload : " + n + " (expected: a number or base64 for a Decimal)");
                }
                return Decimal.toLogical(schema, bytes);
            } catch (IOException e) {
                throw new DataException("payload : " + n + " (expected: a number or base64 for a Decimal)", e);
            }
        }
        return switch (schema.type()) {
            case INT8 -> (byte) n.asInt();
            case INT16 -> (short) n.asInt();
            case INT32 -> n.asInt();
            case INT64 -> n.asLong();
            case FLOAT32 -> (float) n.asDouble();
            case FLOAT64 -> n.asDouble();
            case BOOLEAN -> n.asBoolean();
            case STRING -> n.asText();
            case BYTES -> {
                try {
                    yield n.binaryValue();
                } catch (IOException e) {
                    throw new DataException("payload : " + n + " (expected: base64 for BYTES)", e);
                }
            }
            case ARRAY -> {
                List<Object> out = new ArrayList<>();
                n.forEach(item -> out.add(toValue(schema.valueSchema(), item)));
                yield out;
            }
            case MAP -> {
                Map<Object, Object> out = new LinkedHashMap<>();
                if (n.isObject()) {
                    n.properties().forEach(e -> out.put(e.getKey(), toValue(schema.valueSchema(), e.getValue())));
                } else {
                    for (JsonNode pair : n) {
                        out.put(toValue(schema.keySchema(), pair.get(0)), toValue(schema.valueSchema(), pair.get(1)));
                    }
                }
                yield out;
            }
            case STRUCT -> {
                if (!n.isObject()) {
                    throw new DataException("payload : " + n + " (expected: an object for a struct schema)");
                }
                Struct s = new Struct(schema);
                for (Field f : schema.fields()) {
                    s.put(f.name(), toValue(f.schema(), n.get(f.name())));
                }
                yield s;
            }
        };
    }

    private static Object schemalessValue(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                out.put(e.getKey(), e.getValue().isNull() ? null : schemalessValue(e.getValue()));
            }
            return out;
        }
        if (n.isArray()) {
            List<Object> out = new ArrayList<>();
            n.forEach(item -> out.add(item.isNull() ? null : schemalessValue(item)));
            return out;
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        return n.isNull() ? null : n.asText();
    }
}
