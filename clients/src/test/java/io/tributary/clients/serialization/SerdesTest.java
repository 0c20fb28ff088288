package io.tributary.clients.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.serialization.IntegerSerializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.UUIDSerializer;
import org.junit.jupiter.api.Test;

/** The built-in serdes write the bytes Kafka's serializers write, so data crosses between the clients. */
class SerdesTest {
    @Property(tries = 300)
    void stringsIntegersLongsAndUuidsMatchKafka(@ForAll String s, @ForAll int i, @ForAll long l,
                                                @ForAll long hi, @ForAll long lo) {
        UUID u = new UUID(hi, lo);
        try (var ks = new StringSerializer(); var ki = new IntegerSerializer(); var kl = new LongSerializer();
             var ku = new UUIDSerializer()) {
            assertThat(Serdes.string().serializer().serialize("t", s)).isEqualTo(ks.serialize("t", s));
            assertThat(Serdes.integer().serializer().serialize("t", i)).isEqualTo(ki.serialize("t", i));
            assertThat(Serdes.longs().serializer().serialize("t", l)).isEqualTo(kl.serialize("t", l));
            assertThat(Serdes.uuid().serializer().serialize("t", u)).isEqualTo(ku.serialize("t", u));
        }
        assertThat(Serdes.string().deserializer().deserialize("t", Serdes.string().serializer().serialize("t", s)))
            .isEqualTo(s);
        assertThat(Serdes.integer().deserializer().deserialize("t", Serdes.integer().serializer().serialize("t", i)))
            .isEqualTo(i);
        assertThat(Serdes.longs().deserializer().deserialize("t", Serdes.longs().serializer().serialize("t", l)))
            .isEqualTo(l);
        assertThat(Serdes.uuid().deserializer().deserialize("t", Serdes.uuid().serializer().serialize("t", u)))
            .isEqualTo(u);
    }

    record Order(String id, int quantity) {
    }

    @Test
    void jsonRoundTripsAndNullsStayNull() {
        Serde<Order> json = Serdes.json(Order.class);
        byte[] bytes = json.serializer().serialize("orders", new Order("a-1", 3));
        assertThat(new String(bytes)).isEqualTo("{\"id\":\"a-1\",\"quantity\":3}");
        assertThat(json.deserializer().deserialize("orders", bytes)).isEqualTo(new Order("a-1", 3));
        assertThat(json.serializer().serialize("orders", null)).isNull();
        assertThat(json.deserializer().deserialize("orders", null)).isNull();
        assertThatThrownBy(() -> json.deserializer().deserialize("orders", "{not json".getBytes()))
            .isInstanceOf(SerializationException.class).hasMessageContaining("orders");
    }

    @Test
    void wrongLengthsAreClearErrors() {
        assertThatThrownBy(() -> Serdes.integer().deserializer().deserialize("t", new byte[3]))
            .isInstanceOf(SerializationException.class).hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> Serdes.longs().deserializer().deserialize("t", new byte[9]))
            .isInstanceOf(SerializationException.class).hasMessageContaining("8 bytes");
    }

    @Test
    void kafkaClassNamesInConfigurationMapToTheBuiltIns() {
        Serializer<String> s = Serdes.serializerFromConfig("org.apache.kafka.common.serialization.StringSerializer",
            "key.serializer");
        assertThat(s.serialize("t", "x")).isEqualTo(new byte[] {'x'});
        Deserializer<Long> d = Serdes.deserializerFromConfig(
            "org.apache.kafka.common.serialization.LongDeserializer", "value.deserializer");
        assertThat(d.deserialize("t", new byte[] {0, 0, 0, 0, 0, 0, 0, 7})).isEqualTo(7L);
        assertThatThrownBy(() -> Serdes.serializerFromConfig("no.such.Serializer", "key.serializer"))
            .hasMessageContaining("key.serializer");
        assertThatThrownBy(() -> Serdes.serializerFromConfig(null, "key.serializer"))
            .hasMessageContaining("missing key.serializer");
    }
}
