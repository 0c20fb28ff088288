package io.tributary.broker.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KafkaFrameDecoderTest {
    private static final int MAX = 1024;

    /** Records the largest buffer capacity anyone asked for, to prove a claimed size is never allocated. */
    private static final class RecordingAllocator extends AbstractByteBufAllocator {
        final AtomicInteger largest = new AtomicInteger();

        RecordingAllocator() {
            super(false);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            largest.accumulateAndGet(initialCapacity, Math::max);
            return Unpooled.buffer(initialCapacity, maxCapacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            largest.accumulateAndGet(initialCapacity, Math::max);
            return Unpooled.directBuffer(initialCapacity, maxCapacity);
        }
    }

    private static List<byte[]> payloads() {
        Random random = new Random(42);
        List<byte[]> out = new ArrayList<>();
        for (int size : new int[] {0, 1, 7, 300, MAX}) {
            byte[] p = new byte[size];
            random.nextBytes(p);
            out.add(p);
        }
        return out;
    }

    private static byte[] stream(List<byte[]> payloads) {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        for (byte[] p : payloads) {
            s.writeBytes(TestFrames.frame(p));
        }
        return s.toByteArray();
    }

    /** Reads every frame the channel produced, checking and releasing each. */
    private static List<byte[]> drain(EmbeddedChannel ch) {
        List<byte[]> frames = new ArrayList<>();
        List<ByteBuf> bufs = new ArrayList<>();
        ByteBuf f;
        while ((f = ch.readInbound()) != null) {
            bufs.add(f);
            byte[] bytes = new byte[f.readableBytes()];
            f.getBytes(f.readerIndex(), bytes);
            frames.add(bytes);
        }
        bufs.forEach(ByteBuf::release);
        // Frames are slices of the cumulation: they share one count, which must reach 0 once all are released.
        assertThat(bufs).allSatisfy(b -> assertThat(b.refCnt()).as("frame refCnt").isZero());
        return frames;
    }

    @Test
    void everySplitPointYieldsTheSameFrames() {
        List<byte[]> payloads = payloads();
        byte[] stream = stream(payloads);
        for (int split = 1; split < stream.length; split++) {
            EmbeddedChannel ch = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
            // Unpooled.buffer, not copiedBuffer: an empty copiedBuffer is the shared, never-released EMPTY_BUFFER
            ByteBuf first = Unpooled.buffer(split).writeBytes(stream, 0, split);
            ByteBuf second = Unpooled.buffer(stream.length - split).writeBytes(stream, split, stream.length - split);
            ch.writeInbound(first);
            ch.writeInbound(second);
            assertThat(drain(ch)).as("split at %d", split).containsExactlyElementsOf(payloads);
            assertThat(first.refCnt()).isZero();
            assertThat(second.refCnt()).isZero();
            assertThat(ch.finish()).as("nothing left behind").isFalse();
        }
    }

    @Test
    void oneByteAtATimeYieldsTheSameFrames() {
        List<byte[]> payloads = payloads();
        byte[] stream = stream(payloads);
        EmbeddedChannel ch = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
        List<ByteBuf> inputs = new ArrayList<>();
        List<byte[]> frames = new ArrayList<>();
        for (byte b : stream) {
            ByteBuf one = Unpooled.buffer(1).writeByte(b);
            inputs.add(one);
            ch.writeInbound(one);
            frames.addAll(drain(ch));
        }
        assertThat(frames).containsExactlyElementsOf(payloads);
        assertThat(inputs).allSatisfy(in -> assertThat(in.refCnt()).isZero());
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void frameOfExactlyTheMaximumIsAccepted() {
        EmbeddedChannel ch = new EmbeddedChannel(new KafkaFrameDecoder(MAX));
        ch.writeInbound(Unpooled.wrappedBuffer(TestFrames.frame(new byte[MAX])));
        assertThat(drain(ch)).hasSize(1).allSatisfy(p -> assertThat(p).hasSize(MAX));
        assertThat(ch.isOpen()).isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedFrameClosesWithoutAllocatingIt() {
        assertClosesOn(Integer.MAX_VALUE);
        assertClosesOn(MAX + 1);
    }

    @Test
    void negativeSizeCloses() {
        assertClosesOn(-1);
        assertClosesOn(Integer.MIN_VALUE);
    }

    private static void assertClosesOn(int size) {
        RecordingAllocator alloc = new RecordingAllocator();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast(new KafkaFrameDecoder(MAX));
        ByteBuf partialHeader = alloc.heapBuffer(16).writeByte(size >>> 24);
        ch.writeInbound(partialHeader);
        assertThat(ch.isOpen()).isTrue();
        // the rest of the size, then bytes that must be dropped, not read as a frame
        ByteBuf rest = alloc.heapBuffer(64).writeByte(size >>> 16).writeByte(size >>> 8).writeByte(size)
            .writeBytes(TestFrames.frame(new byte[8])).writeBytes(new byte[16]);
        ch.writeInbound(rest);
        assertThat(ch.isOpen()).as("closed on size %d", size).isFalse();
        Object frame = ch.readInbound();
        assertThat(frame).as("no frame decoded").isNull();
        assertThat(partialHeader.refCnt()).isZero();
        assertThat(rest.refCnt()).isZero();
        assertThat(alloc.largest.get()).as("largest allocation").isLessThan(4096);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void rejectsNonPositiveMaximum() {
        assertThatThrownBy(() -> new KafkaFrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
