package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.protocol.types.MessageSchema;
import io.tributary.protocol.types.Struct;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random bytes and truncated messages into every decoder, at every version: the only outcomes allowed are a
 * decoded struct or a {@link MalformedMessageException}; never another exception, an OutOfMemoryError or a hang.
 */
class HostileInputTest {

    @Test
    void randomBytesEndInATypedErrorOrAValue() {
        Random random = new Random(20261126L);
        for (MessageSchema schema : MessageOracleTest.allSchemas()) {
            for (short v = schema.validVersions().lowest(); v <= schema.validVersions().highest(); v++) {
                for (int i = 0; i < 200; i++) {
                    byte[] junk = new byte[random.nextInt(64)];
                    random.nextBytes(junk);
                    decodeOrTypedError(schema, v, ByteBuffer.wrap(junk));
                }
            }
        }
    }

    @Test
    void everyTruncationOfAValidMessageIsRefused() {
        RandomStructs random = new RandomStructs(42L);
        for (MessageSchema schema : MessageOracleTest.allSchemas()) {
            for (short v = schema.validVersions().lowest(); v <= schema.validVersions().highest(); v++) {
                ByteBuffer full = schema.write(random.message(schema, v), v);
                for (int cut = 0; cut < full.remaining(); cut++) {
                    ByteBuffer prefix = full.duplicate();
                    prefix.limit(cut);
                    short version = v;
                    assertThatThrownBy(() -> schema.read(prefix, version))
                        .as(schema.name() + " v" + v + " cut at " + cut)
                        .isInstanceOf(MalformedMessageException.class);
                }
            }
        }
    }

    @Test
    void flippedBytesEndInATypedErrorOrAValue() {
        RandomStructs random = new RandomStructs(7L);
        Random flips = new Random(7L);
        for (MessageSchema schema : MessageOracleTest.allSchemas()) {
            for (short v = schema.validVersions().lowest(); v <= schema.validVersions().highest(); v++) {
                ByteBuffer full = schema.write(random.message(schema, v), v);
                for (int i = 0; i < full.remaining(); i++) {
                    ByteBuffer copy = ByteBuffer.allocate(full.remaining()).put(full.duplicate()).flip();
                    copy.put(i, (byte) flips.nextInt(256));
                    decodeOrTypedError(schema, v, copy);
                }
            }
        }
    }

    @Test
    void anUnknownVersionIsUnsupportedVersion() {
        MessageSchema produce = ApiKey.PRODUCE.requestSchema();
        assertThatThrownBy(() -> produce.read(ByteBuffer.allocate(8), (short) 2))
            .isInstanceOf(TributaryException.class)
            .satisfies(e -> assertThat(((TributaryException) e).error()).isEqualTo(Errors.UNSUPPORTED_VERSION));
    }

    private static void decodeOrTypedError(MessageSchema schema, short version, ByteBuffer input) {
        try {
            Struct s = schema.read(input, version);
            assertThat(s).isNotNull();
        } catch (MalformedMessageException expected) {
            assertThat(expected.error()).isEqualTo(Errors.INVALID_REQUEST);
        }
    }
}
