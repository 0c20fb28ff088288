package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.protocol.message.RequestHeaderSchema;
import io.tributary.protocol.message.ResponseHeaderSchema;
import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.protocol.Message;
import org.junit.jupiter.api.Test;

/**
 * Every message description against Apache Kafka's generated classes, for every version we claim, with random
 * field values: our bytes are read by Kafka into the same values and re-encoded to identical bytes; Kafka's bytes,
 * built from the same values, are read by us into an equal struct and re-encoded to identical bytes.
 */
class MessageOracleTest {
    private static final Map<String, KafkaMessages> KAFKA = new HashMap<>();

    static List<MessageSchema> allSchemas() {
        List<MessageSchema> all = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            all.add(key.requestSchema());
            all.add(key.responseSchema());
        }
        all.add(RequestHeaderSchema.SCHEMA);
        all.add(ResponseHeaderSchema.SCHEMA);
        return all;
    }

    private static KafkaMessages kafka(MessageSchema schema) {
        String name = schema.name().replace("Schema", "");
        return KAFKA.computeIfAbsent(name, KafkaMessages::new);
    }

    @Test
    void claimsExactlyTheVersionsKafkaDefines() throws Exception {
        for (MessageSchema schema : allSchemas()) {
            String name = schema.name().replace("Schema", "");
            Class<?> data = Class.forName("org.apache.kafka.common.message." + name + "Data");
            short lowest = data.getField("LOWEST_SUPPORTED_VERSION").getShort(null);
            short highest = data.getField("HIGHEST_SUPPORTED_VERSION").getShort(null);
            assertThat(schema.validVersions().lowest()).as(name + " lowest").isEqualTo(lowest);
            assertThat(schema.validVersions().highest()).as(name + " highest").isEqualTo(highest);
        }
    }

    @Property(tries = 100)
    void everyMessageAndVersionMatchesKafka(@ForAll long seed) {
        RandomStructs random = new RandomStructs(seed);
        for (MessageSchema schema : allSchemas()) {
            for (short v = schema.validVersions().lowest(); v <= schema.validVersions().highest(); v++) {
                checkBothDirections(schema, v, random.message(schema, v));
            }
        }
    }

    private static void checkBothDirections(MessageSchema schema, short version, Struct ours) {
        String where = schema.name() + " v" + version + " " + ours;
        KafkaMessages kafka = kafka(schema);

        // ours -> Kafka: Kafka reads the same values and writes the same bytes
        ByteBuffer ourBytes = schema.write(ours, version);
        Message theirs = kafka.read(ourBytes, version, where);
        assertThat(kafka.toJson(theirs, version)).as(where).isEqualTo(StructJson.toJson(ours, version));
        assertThat(KafkaMessages.write(theirs, version)).as(where).isEqualTo(ourBytes);

        // Kafka -> ours: Kafka builds the message from the values, we read its bytes back to an equal struct
        Message built = kafka.fromJson(StructJson.toJsonWithRecords(ours, version), version);
        ByteBuffer kafkaBytes = KafkaMessages.write(built, version);
        ByteBuffer input = kafkaBytes.duplicate();
        Struct decoded = schema.read(input, version);
        assertThat(input.remaining()).as(where + " leftover").isZero();
        assertThat(StructJson.toJson(decoded, version)).as(where).isEqualTo(StructJson.toJson(ours, version));
        assertThat(schema.write(decoded, version)).as(where).isEqualTo(kafkaBytes);
    }
}
