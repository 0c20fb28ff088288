package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;

/** Request and response headers against Kafka's, and the API-key table against Kafka's ApiKeys. */
class HeaderAndApiKeyTest {

    @Test
    void apiKeyTableMatchesKafka() {
        for (ApiKey ours : ApiKey.values()) {
            ApiKeys theirs = ApiKeys.forId(ours.id());
            assertThat(theirs.name()).isEqualTo(ours.name());
            for (short v = ours.oldestVersion(); v <= ours.latestVersion(); v++) {
                assertThat(ours.requestHeaderVersion(v)).as(ours + " v" + v).isEqualTo(theirs.requestHeaderVersion(v));
                assertThat(ours.responseHeaderVersion(v)).as(ours + " v" + v).isEqualTo(theirs.responseHeaderVersion(v));
            }
        }
        assertThat(ApiKey.forId(18)).isEqualTo(ApiKey.API_VERSIONS);
        assertThat(ApiKey.forId(4)).isNull();
        assertThat(ApiKey.forId(-1)).isNull();
        assertThat(ApiKey.PRODUCE.firstFlexibleVersion()).isEqualTo((short) 9);
        assertThat(ApiKey.OFFSET_DELETE.firstFlexibleVersion()).isEqualTo((short) -1);
    }

    @Test
    void requestHeadersWrittenByKafkaAreReadByUs() {
        for (ApiKey key : ApiKey.values()) {
            for (short v = key.oldestVersion(); v <= key.latestVersion(); v++) {
                RequestHeader theirs = new RequestHeader(ApiKeys.forId(key.id()), v, "client-é", 12345);
                ByteBuffer buf = serialize(theirs);
                io.tributary.protocol.RequestHeader ours = io.tributary.protocol.RequestHeader.read(buf);
                assertThat(ours).isEqualTo(new io.tributary.protocol.RequestHeader(key.id(), v, 12345, "client-é"));
                assertThat(buf.remaining()).isZero();

                ProtocolWriter w = new ProtocolWriter(32);
                ours.write(w);
                assertThat(w.toByteBuffer()).isEqualTo(serialize(theirs));
            }
        }
    }

    @Test
    void aTooNewApiVersionsHeaderIsStillReadable() {
        // a client newer than us sends ApiVersions v127: flexible, so header v2 with tagged fields
        RequestHeaderData data = new RequestHeaderData().setRequestApiKey((short) 18).setRequestApiVersion((short) 127)
            .setCorrelationId(9).setClientId(null);
        RequestHeader theirs = new RequestHeader(data, (short) 2);
        ByteBuffer buf = serialize(theirs);
        io.tributary.protocol.RequestHeader ours = io.tributary.protocol.RequestHeader.read(buf);
        assertThat(ours.apiVersion()).isEqualTo((short) 127);
        assertThat(ours.clientId()).isNull();
        assertThat(buf.remaining()).isZero();
    }

    @Test
    void unknownApiKeysAreReadWithHeaderV1() {
        ProtocolWriter w = new ProtocolWriter(16);
        new io.tributary.protocol.RequestHeader((short) 99, (short) 3, 1, "c").write(w);
        assertThat(io.tributary.protocol.RequestHeader.read(w.toByteBuffer()).apiKey()).isEqualTo((short) 99);
        assertThatThrownBy(() -> io.tributary.protocol.RequestHeader.read(ByteBuffer.allocate(3)))
            .isInstanceOf(MalformedMessageException.class);
    }

    private static ByteBuffer serialize(RequestHeader header) {
        return org.apache.kafka.common.protocol.MessageUtil.toByteBufferAccessor(header.data(), header.headerVersion())
            .buffer();
    }

    @Test
    void responseHeadersRoundTripInBothVersions() {
        for (short hv = 0; hv <= 1; hv++) {
            ProtocolWriter w = new ProtocolWriter(8);
            ResponseHeader.write(77, hv, w);
            ByteBuffer buf = w.toByteBuffer();
            org.apache.kafka.common.requests.ResponseHeader theirs =
                org.apache.kafka.common.requests.ResponseHeader.parse(buf.duplicate(), hv);
            assertThat(theirs.correlationId()).isEqualTo(77);
            ProtocolReader r = new ProtocolReader(buf);
            assertThat(ResponseHeader.read(r, hv)).isEqualTo(77);
            assertThat(r.remaining()).isZero();
        }
    }
}
