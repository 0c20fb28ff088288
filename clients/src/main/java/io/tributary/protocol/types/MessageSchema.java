package io.tributary.protocol.types;

import io.tributary.common.Errors;
import io.tributary.common.TributaryException;
import io.tributary.protocol.MalformedMessageException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The description of one Kafka message (a request or response body, or a header): its versions, the versions
 * that use the flexible encoding, and its fields. Reading and writing follow from the description alone.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * Struct body = MetadataRequest.SCHEMA.read(buffer, (short) 12);
 * ByteBuffer bytes = MetadataResponse.SCHEMA.write(response, (short) 12);
 * }</pre>
 */
public final class MessageSchema {
    private final String name;
    private final short apiKey;
    private final Versions validVersions;
    private final Versions flexibleVersions;
    private final StructSchema body;

    public MessageSchema(String name, int apiKey, String validVersions, String flexibleVersions, List<Field> fields) {
        this.name = name;
        this.apiKey = (short) apiKey;
        this.validVersions = Versions.parse(validVersions);
        this.flexibleVersions = Versions.parse(flexibleVersions);
        this.body = new StructSchema(name, fields);
    }

    public String name() {
        return name;
    }

    /** The API key, or -1 for a header. */
    public short apiKey() {
        return apiKey;
    }

    public Versions validVersions() {
        return validVersions;
    }

    public Versions flexibleVersions() {
        return flexibleVersions;
    }

    public StructSchema body() {
        return body;
    }

    public boolean isFlexible(short version) {
        return flexibleVersions.contains(version);
    }

    /** A new struct of this message with every field at its default. */
    public Struct newStruct() {
        return new Struct(body);
    }

    /**
     * Decodes one message of {@code version} from {@code buf}, advancing its position past it. Records fields are
     * views into {@code buf}, not copies.
     *
     * @throws MalformedMessageException if the bytes do not form a message of that version
     * @throws TributaryException with {@link Errors#UNSUPPORTED_VERSION} if this side does not know the version
     */
    public Struct read(ByteBuffer buf, short version) {
        checkVersion(version);
        try {
            return StructCodec.read(body, new ProtocolReader(buf), version, isFlexible(version));
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new MalformedMessageException("truncated " + name + " v" + version, e);
        }
    }

    /** Encodes {@code struct} at {@code version} into {@code w}. */
    public void write(Struct struct, short version, ProtocolWriter w) {
        checkVersion(version);
        if (struct.schema() != body) {
            throw new IllegalArgumentException("struct : " + struct.schema().name() + " (expected: " + name + ")");
        }
        StructCodec.write(struct, w, version, isFlexible(version));
    }

    /** Encodes {@code struct} at {@code version} into a new buffer, ready to read. */
    public ByteBuffer write(Struct struct, short version) {
        ProtocolWriter w = new ProtocolWriter(128);
        write(struct, version, w);
        return w.toByteBuffer();
    }

    private void checkVersion(short version) {
        if (!validVersions.contains(version)) {
            throw new TributaryException(Errors.UNSUPPORTED_VERSION,
                name + " version " + version + " is not supported (expected: " + validVersions + ")");
        }
    }

    @Override
    public String toString() {
        return name + " v" + validVersions;
    }
}
