package io.tributary.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.common.Uuid;
import io.tributary.protocol.types.Field;
import io.tributary.protocol.types.FieldType;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * Our structs as JSON in the shape Kafka's generated JSON converters use (camelCase field names, bytes as base64,
 * uuids in Kafka's base64 text form, only the fields present in the version), so values can be compared with
 * Kafka's own reading of the same bytes. Both sides are normalised through JSON text.
 */
final class StructJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StructJson() {
    }

    /** The comparable form: records fields as their size, as Kafka's converter prints them. */
    static JsonNode toJson(Struct s, short version) {
        return normalise(struct(s, version, false));
    }

    /** The form Kafka's converter reads back: records fields as base64 bytes. */
    static JsonNode toJsonWithRecords(Struct s, short version) {
        return normalise(struct(s, version, true));
    }

    /** Re-reads a node from its JSON text so that equal values have equal node classes. */
    static JsonNode normalise(JsonNode node) {
        try {
            return MAPPER.readTree(MAPPER.writeValueAsString(node));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode struct(Struct s, short version, boolean records) {
        ObjectNode o = NODES.objectNode();
        for (Field f : s.schema().fields()) {
            Object raw = s.get(f.name());
            // Kafka's converter leaves out tagged fields that hold their default
            if (f.presentIn(version) && !(f.taggedIn(version) && f.isDefault(raw))) {
                JsonNode v = value(f.type(), raw, version, records);
                // Kafka's converter prints a records field it does not serialise as "<name>SizeInBytes"
                boolean sizeOnly = f.type() == FieldType.Primitive.RECORDS && !records && !v.isNull();
                o.set(sizeOnly ? f.name() + "SizeInBytes" : f.name(), v);
            }
        }
        return o;
    }

    private static JsonNode value(FieldType type, Object v, short version, boolean records) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (type instanceof FieldType.ArrayOf a) {
            ArrayNode arr = NODES.arrayNode();
            for (Object e : (List<?>) v) {
                arr.add(value(a.element(), e, version, records));
            }
            return arr;
        }
        if (type instanceof FieldType.StructOf) {
            return struct((Struct) v, version, records);
        }
        return switch ((FieldType.Primitive) type) {
            case BOOL -> NODES.booleanNode((Boolean) v);
            case INT8 -> NODES.numberNode((Byte) v);
            case INT16 -> NODES.numberNode((Short) v);
            case UINT16, INT32 -> NODES.numberNode((Integer) v);
            case UINT32, INT64 -> NODES.numberNode((Long) v);
            case FLOAT64 -> NODES.numberNode((Double) v);
            case STRING -> NODES.textNode((String) v);
            case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString((byte[]) v));
            case RECORDS -> {
                ByteBuffer b = ((ByteBuffer) v).duplicate();
                if (!records) {
                    yield NODES.numberNode(b.remaining());
                }
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                yield NODES.textNode(Base64.getEncoder().encodeToString(bytes));
            }
            case UUID -> NODES.textNode(((Uuid) v).toString());
        };
    }
}
