package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.ResponseHeader;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;
import io.tributary.protocol.types.Struct;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input to a running broker: random bytes as a frame, a truncated header, an unknown API key, an oversized
 * frame, a negative size, a connection cut mid-frame. Each closes only that connection; after each one a normal
 * client is served, and at the end the real Admin client still creates and lists topics.
 */
class HostileClientTest {
    @TempDir
    Path dir;
    private BrokerLite broker;

    @BeforeEach
    void start() throws IOException {
        broker = TestBrokers.start(dir, "socket.request.max.bytes", "1048576");
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket(broker.boundAddress().getAddress(), broker.boundAddress().getPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }

    /** Sends {@code bytes} and expects the broker to close the connection rather than answer. */
    private void expectClosed(byte[] bytes) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            assertThat(s.getInputStream().read()).as("the broker closes the connection").isEqualTo(-1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the broker neither answered nor closed the connection", e);
        } catch (java.net.SocketException reset) {
            // a reset is a close too
        }
        assertServesANormalClient();
    }

    private void assertServesANormalClient() throws IOException {
        try (Socket s = connect()) {
            ProtocolWriter w = new ProtocolWriter(64);
            w.writeInt32(0);
            new RequestHeader(ApiKey.API_VERSIONS.id(), (short) 3, 77, "probe").write(w);
            ApiVersionsRequest.SCHEMA.write(ApiVersionsRequest.SCHEMA.newStruct()
                .set("clientSoftwareName", "probe").set("clientSoftwareVersion", "1"), (short) 3, w);
            ByteBuffer req = w.toByteBuffer();
            req.putInt(0, req.remaining() - 4);
            byte[] bytes = new byte[req.remaining()];
            req.get(bytes);
            s.getOutputStream().write(bytes);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            ProtocolReader r = new ProtocolReader(ByteBuffer.wrap(payload));
            assertThat(ResponseHeader.read(r, (short) 0)).isEqualTo(77);
            Struct body = ApiVersionsResponse.SCHEMA.read(r.buffer(), (short) 3);
            assertThat(body.getInt16("errorCode")).isZero();
            assertThat(body.getStructs("apiKeys")).extracting(k -> k.getInt16("apiKey")).contains((short) 0, (short) 1);
        }
    }

    @Test
    void badInputClosesOnlyThatConnection() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < 5; i++) {
            byte[] junk = new byte[1 + random.nextInt(200)];
            random.nextBytes(junk);
            junk[0] = 0x7f; // an API key no one knows, so the junk is never a valid request
            expectClosed(frame(junk));
        }
        expectClosed(frame(new byte[] {0, 3, 0}));                           // truncated header
        expectClosed(frame(new byte[] {0x03, (byte) 0xe7, 0, 0, 0, 0, 0, 1, 0, 0})); // API key 999
        expectClosed(ByteBuffer.allocate(4).putInt(200 * 1024 * 1024).array()); // larger than the limit
        expectClosed(ByteBuffer.allocate(4).putInt(-1).array());              // negative size
        expectClosed(frame(new byte[] {0, 3, 0, 12, 0, 0, 0, 9, 0, 0}));      // Metadata v12 with no body
        try (Socket s = connect()) {                                          // cut mid-frame
            s.getOutputStream().write(new byte[] {0, 0, 0, 100, 0, 3});
        }
        assertServesANormalClient();

        try (Admin admin = TestBrokers.admin(broker)) {
            admin.createTopics(List.of(new NewTopic("still-alive", 2, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains("still-alive");
        }
    }
}
