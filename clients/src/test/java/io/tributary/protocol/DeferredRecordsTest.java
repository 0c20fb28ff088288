package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.RecordsSource;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Records fields backed by a {@link RecordsSource} (zero-copy sends): the parts a writer hands out, laid end to end,
 * are byte for byte the encoding of the same message with the records in memory, at every Fetch version.
 */
class DeferredRecordsTest {

    private record InMemory(byte[] bytes) implements RecordsSource {
        @Override
        public int sizeInBytes() {
            return bytes.length;
        }

        @Override
        public void copyTo(ByteBuffer dst) {
            dst.put(bytes);
        }
    }

    private static Struct response(Object records1, Object records2) {
        Struct r = FetchResponse.SCHEMA.newStruct().set("throttleTimeMs", 5).set("sessionId", 0);
        Struct topic = r.addElement("responses").set("topic", "t");
        topic.addElement("partitions").set("partitionIndex", 0).set("highWatermark", 10L).set("records", records1);
        topic.addElement("partitions").set("partitionIndex", 1).set("highWatermark", 3L).set("records", records2);
        return r;
    }

    @Test
    void partsLaidEndToEndAreTheInMemoryEncoding() {
        Random random = new Random(3);
        byte[] a = new byte[300];
        byte[] b = new byte[77];
        random.nextBytes(a);
        random.nextBytes(b);
        for (short v = ApiKey.FETCH.oldestVersion(); v <= ApiKey.FETCH.latestVersion(); v++) {
            ByteBuffer expected = FetchResponse.SCHEMA.write(response(ByteBuffer.wrap(a), ByteBuffer.wrap(b)), v);

            ProtocolWriter w = new ProtocolWriter(16);
            FetchResponse.SCHEMA.write(response(new InMemory(a), new InMemory(b)), v, w);
            assertThat(w.position()).isEqualTo(expected.remaining());
            List<Object> parts = w.parts();
            assertThat(parts).filteredOn(p -> p instanceof RecordsSource).hasSize(2);
            assertThat(parts.get(0)).isInstanceOf(ByteBuffer.class);
            ByteBuffer joined = ByteBuffer.allocate(w.position());
            for (Object part : parts) {
                if (part instanceof ByteBuffer heap) {
                    joined.put(heap);
                } else {
                    ((RecordsSource) part).copyTo(joined);
                }
            }
            assertThat(joined.flip()).as("v" + v).isEqualTo(expected);

            ProtocolWriter again = new ProtocolWriter(16);
            FetchResponse.SCHEMA.write(response(new InMemory(a), new InMemory(b)), v, again);
            assertThat(again.toByteBuffer()).isEqualTo(expected);
        }
    }
}
