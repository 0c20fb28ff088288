package io.tributary.clients.producer.internals;

import io.tributary.common.TimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@code buffer.memory} bytes for batches. Buffers of exactly {@code batch.size} are kept for reuse (no garbage
 * for the common case); other sizes are allocated and dropped. {@link #allocate} blocks until enough memory is
 * free, up to {@code max.block.ms}.
 */
public final class BufferPool {
    private final long totalMemory;
    private final int poolableSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition freed = lock.newCondition();
    private final ArrayDeque<ByteBuffer> free = new ArrayDeque<>();
    /** Memory neither handed out nor held in {@link #free}. */
    private long nonPooledAvailable;
    private volatile boolean closed;

    public BufferPool(long totalMemory, int poolableSize) {
        this.totalMemory = totalMemory;
        this.poolableSize = poolableSize;
        this.nonPooledAvailable = totalMemory;
    }

    /**
     * A buffer of {@code size} bytes, cleared.
     *
     * @throws TimeoutException if memory did not free up within {@code maxBlockMs}
     * @throws IllegalArgumentException if {@code size} exceeds buffer.memory
     */
    public ByteBuffer allocate(int size, long maxBlockMs) throws InterruptedException {
        if (size > totalMemory) {
            throw new IllegalArgumentException("a batch of " + size + " bytes is larger than buffer.memory ("
                + totalMemory + ")");
        }
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxBlockMs);
            while (true) {
                if (closed) {
                    throw new IllegalStateException("the producer is closed");
                }
                if (size == poolableSize && !free.isEmpty()) {
                    return free.pollFirst().clear();
                }
                freeUp(size);
                if (nonPooledAvailable >= size) {
                    nonPooledAvailable -= size;
                    break;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("no buffer memory for a batch of " + size + " bytes within max.block.ms ("
                        + maxBlockMs + " ms): " + totalMemory + " bytes of buffer.memory are in use");
                }
                freed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        return ByteBuffer.allocate(size);
    }

    private void freeUp(int size) {
        while (nonPooledAvailable < size && !free.isEmpty()) {
            nonPooledAvailable += free.pollLast().capacity();
        }
    }

    /** Returns a buffer from {@link #allocate}. */
    public void deallocate(ByteBuffer buffer) {
        lock.lock();
        try {
            if (buffer.capacity() == poolableSize) {
                free.addFirst(buffer);
            } else {
                nonPooledAvailable += buffer.capacity();
            }
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Bytes not in use. */
    public long availableMemory() {
        lock.lock();
        try {
            return nonPooledAvailable + (long) free.size() * poolableSize;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes blocked allocations, which then fail. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
