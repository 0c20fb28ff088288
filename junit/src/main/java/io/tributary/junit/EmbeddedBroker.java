package io.tributary.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a fresh, in-process broker-lite for the annotated test class: it starts before the class's first test (on
 * an ephemeral loopback port, with its data in a new temporary directory), and is stopped and its data deleted after
 * the class's last test. {@code @Nested} classes share their enclosing class's broker unless they are annotated
 * themselves.
 *
 * <p>The address reaches the test through a {@code String} field or parameter annotated {@link BootstrapServers},
 * or a {@link BrokerInfo} parameter:
 * <pre>{@code
 * @EmbeddedBroker(properties = "num.partitions=3")
 * class OrderServiceTest {
 *     @BootstrapServers String bootstrap;
 *
 *     @Test
 *     void publishes() {
 *         try (var producer = TributaryProducer.create(Map.of("bootstrap.servers", bootstrap),
 *                 Serdes.STRING_SERIALIZER, Serdes.STRING_SERIALIZER)) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Broker settings use Kafka's names. The extension's defaults, each overridable through {@link #properties()}:
 * {@code listeners=PLAINTEXT://127.0.0.1:0}, {@code log.dirs=<temporary directory>},
 * {@code group.initial.rebalance.delay.ms=0} (groups form without Kafka's three-second wait) and
 * {@code offsets.topic.num.partitions=1} (a small {@code __consumer_offsets}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(EmbeddedBrokerExtension.class)
public @interface EmbeddedBroker {
    /**
     * Broker settings as {@code name=value} (Kafka's names, e.g. {@code "num.partitions=4"}); they win over the
     * extension's defaults.
     */
    String[] properties() default {};
}
