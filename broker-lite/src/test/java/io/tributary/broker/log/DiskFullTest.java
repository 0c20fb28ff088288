package io.tributary.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.common.Errors;
import io.tributary.common.MockTime;
import io.tributary.common.TributaryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fills up mid-write: the append fails with KAFKA_STORAGE_ERROR, nothing of it stays in the file, the
 * log keeps serving what it had, takes appends again once there is room, and reopens cleanly.
 */
class DiskFullTest {
    @TempDir
    Path tmp;
    /** Bytes the fake disk still accepts. */
    private final AtomicLong room = new AtomicLong(Long.MAX_VALUE);

    @AfterEach
    void restoreOpener() {
        LogSegment.channelOpener = file -> FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    }

    @Test
    void aFailedAppendLeavesTheLogReadableAndConsistent() throws IOException {
        LogSegment.channelOpener = file -> new FillingChannel(FileChannel.open(file, StandardOpenOption.CREATE,
            StandardOpenOption.READ, StandardOpenOption.WRITE), room);
        MockTime time = new MockTime();
        LogConfig config = LogConfig.from(Map.of(LogConfig.FILE_DELETE_DELAY_MS, 0L));
        PartitionLog log = PartitionLog.open(tmp.resolve("d-0"), config, time, null, 0, 0, true);
        log.append(TestBatches.batch(0, 5, time.milliseconds()));
        long sizeBefore = log.size();

        room.set(40); // the next batch gets 40 bytes in and then the disk is full
        assertThatThrownBy(() -> log.append(TestBatches.batch(5, 5, time.milliseconds())))
            .isInstanceOf(TributaryException.class)
            .satisfies(e -> assertThat(((TributaryException) e).error()).isEqualTo(Errors.KAFKA_STORAGE_ERROR));
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(log.size()).isEqualTo(sizeBefore);
        assertThat(TestBatches.readAll(log, 0)).hasSize(5);

        room.set(Long.MAX_VALUE);
        assertThat(log.append(TestBatches.batch(5, 5, time.milliseconds())).firstOffset()).isEqualTo(5);
        log.close();
        PartitionLog reopened = PartitionLog.open(tmp.resolve("d-0"), config, time, null, 0, 0, true);
        assertThat(TestBatches.readAll(reopened, 0)).extracting(r -> TestBatches.text(r.value()))
            .containsExactly("v0000", "v0001", "v0002", "v0003", "v0004", "v0005", "v0006", "v0007", "v0008", "v0009");
        reopened.close();
    }

    /** A file channel whose positional writes stop with "No space left on device" once {@code room} runs out. */
    private static final class FillingChannel extends FileChannel {
        private final FileChannel delegate;
        private final AtomicLong room;

        FillingChannel(FileChannel delegate, AtomicLong room) {
            this.delegate = delegate;
            this.room = room;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            long left = room.get();
            if (left <= 0) {
                throw new IOException("No space left on device");
            }
            if (src.remaining() > left) {
                ByteBuffer part = src.duplicate();
                part.limit(part.position() + (int) left);
                int n = delegate.write(part, position);
                src.position(src.position() + n);
                room.addAndGet(-n);
                return n;
            }
            int n = delegate.write(src, position);
            room.addAndGet(-n);
            return n;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return delegate.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return delegate.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            delegate.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return delegate.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return delegate.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
