package io.tributary.protocol;

import io.tributary.protocol.types.ProtocolReader;
import io.tributary.protocol.types.ProtocolWriter;

/**
 * The header in front of every response: the correlation id (v0), plus an empty tagged-field section (v1, for
 * flexible versions except ApiVersions). See {@link ApiKey#responseHeaderVersion(short)}.
 */
public final class ResponseHeader {
    private ResponseHeader() {
    }

    /** Writes a response header of {@code headerVersion}. */
    public static void write(int correlationId, short headerVersion, ProtocolWriter w) {
        w.writeInt32(correlationId);
        if (headerVersion >= 1) {
            w.writeUnsignedVarint(0);
        }
    }

    /** Reads a response header of {@code headerVersion} and returns its correlation id; unknown tags are skipped. */
    public static int read(ProtocolReader r, short headerVersion) {
        int correlationId = r.readInt32();
        if (headerVersion >= 1) {
            int tags = r.readUnsignedVarint();
            r.checkArrayCount(tags);
            for (int i = 0; i < tags; i++) {
                r.readUnsignedVarint();
                r.readSlice(r.readUnsignedVarint());
            }
        }
        return correlationId;
    }
}
