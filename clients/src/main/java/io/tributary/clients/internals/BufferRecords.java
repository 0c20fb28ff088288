package io.tributary.clients.internals;

import io.tributary.protocol.types.RecordsSource;
import java.nio.ByteBuffer;

/**
 * Record batches already in memory, handed to the request writer without being copied into the request buffer:
 * the network layer sends the buffer as it is.
 *
 * @param buffer the batches, from position to limit; not modified
 */
public record BufferRecords(ByteBuffer buffer) implements RecordsSource {
    @Override
    public int sizeInBytes() {
        return buffer.remaining();
    }

    @Override
    public void copyTo(ByteBuffer dst) {
        dst.put(buffer.duplicate());
    }
}
