package io.tributary.benchmarks;

import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.types.ProtocolWriter;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding the header the broker reads in front of every request ({@link RequestHeader#read}): Produce v3 (header
 * v1, classic) and Fetch v12 (header v2, flexible, with tagged fields), with a typical client id.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RequestHeaderBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RequestHeaderBenchmark {
    /** {@code apiKey/apiVersion}: 0/3 is Produce v3 (header v1), 1/12 is Fetch v12 (header v2). */
    @Param({"0/3", "1/12"})
    public String request;

    private ByteBuffer bytes;

    @Setup
    public void setUp() {
        String[] kv = request.split("/");
        ProtocolWriter w = new ProtocolWriter(64);
        new RequestHeader(Short.parseShort(kv[0]), Short.parseShort(kv[1]), 123456, "producer-1").write(w);
        bytes = w.toByteBuffer();
    }

    @Benchmark
    public RequestHeader read() {
        return RequestHeader.read(bytes.duplicate());
    }
}
