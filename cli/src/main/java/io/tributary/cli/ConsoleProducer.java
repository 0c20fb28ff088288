package io.tributary.cli;

import io.tributary.clients.producer.ProducerRecord;
import io.tributary.clients.producer.RecordMetadata;
import io.tributary.clients.producer.TributaryProducer;
import io.tributary.clients.serialization.Serdes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code console-producer --bootstrap-server host:port --topic t}: one record per line of standard input, flushed
 * at end of input. With {@code --property parse.key=true} each line is {@code key<key.separator>value} (the
 * separator defaults to a tab). Kafka's {@code kafka-console-producer}.
 */
final class ConsoleProducer implements Tool {
    private static final Set<String> CODECS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Set<String> READER_PROPERTIES = Set.of("parse.key", "key.separator", "ignore.error");

    @Override
    public String name() {
        return "console-producer";
    }

    @Override
    public String summary() {
        return "Send each line of standard input as a record.";
    }

    @Override
    public FlagSpec flags() {
        return new FlagSpec()
            .synopsis("--bootstrap-server <host:port> --topic <topic> [flags]")
            .value("--bootstrap-server", "host:port", "The broker(s) to connect to, comma-separated.")
            .value("--broker-list", "host:port", "The older name of --bootstrap-server.")
            .required("--topic", "topic", "The topic to send to (created if the broker auto-creates topics).")
            .repeated("--property", "name=value", "Line reader settings: parse.key=true|false (default false), "
                + "key.separator=<text> (default tab), ignore.error=true|false (a line without separator is sent "
                + "as a value with no key).")
            .optionalValue("--compression-codec", "none|gzip|snappy|lz4|zstd", "gzip",
                "Compress batches; without a value gzip (default none).")
            .flag("--sync", "Wait for each record to be acknowledged before reading the next line.")
            .value("--request-required-acks", "acks", "acks: all, -1, 0 or 1 (default all).")
            .repeated("--producer-property", "name=value", "A producer setting (Kafka's names).")
            .value("--producer.config", "file", "A properties file of producer settings.")
            .requireOneOf("--bootstrap-server", "--broker-list");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        String bootstrap = flags.get("--bootstrap-server", flags.get("--broker-list"));
        String topic = flags.get("--topic");
        Map<String, String> reader = flags.keyValues("--property");
        for (String k : reader.keySet()) {
            if (!READER_PROPERTIES.contains(k)) {
                context.err().println(name() + ": ignoring --property " + k + " (known: " + READER_PROPERTIES + ")");
            }
        }
        boolean sync = flags.has("--sync");
        boolean parseKey = Boolean.parseBoolean(reader.getOrDefault("parse.key", "false"));
        boolean ignoreError = Boolean.parseBoolean(reader.getOrDefault("ignore.error", "false"));
        String separator = reader.getOrDefault("key.separator", "\t");
        if (parseKey && separator.isEmpty()) {
            throw new UsageException("--property key.separator is empty");
        }

        Map<String, Object> props = new LinkedHashMap<>();
        // short waits: a console tool reports a missing topic or a dead broker within seconds instead of minutes
        props.put("max.block.ms", "10000");
        props.put("request.timeout.ms", "10000");
        props.put("delivery.timeout.ms", "30000");
        props.putAll(flags.propertiesFile("--producer.config"));
        props.putAll(flags.keyValues("--producer-property"));
        props.put("bootstrap.servers", bootstrap);
        if (flags.has("--request-required-acks")) {
            props.put("acks", flags.get("--request-required-acks"));
        }
        if (flags.has("--compression-codec")) {
            String codec = flags.get("--compression-codec").toLowerCase(java.util.Locale.ROOT);
            if (!CODECS.contains(codec)) {
                throw new UsageException("--compression-codec " + codec + " is not one of none, gzip, snappy, lz4, "
                    + "zstd");
            }
            props.put("compression.type", codec);
        }
        BrokerProbe.requireReachable(bootstrap);

        AtomicLong failed = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        long lines = 0;
        try (TributaryProducer<byte[], byte[]> producer = TributaryProducer.create(props, Serdes.byteArray()
                .serializer(), Serdes.byteArray().serializer());
             BufferedReader in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                byte[] key = null;
                String value = line;
                if (parseKey) {
                    int at = line.indexOf(separator);
                    if (at >= 0) {
                        key = line.substring(0, at).getBytes(StandardCharsets.UTF_8);
                        value = line.substring(at + separator.length());
                    } else if (!ignoreError) {
                        throw new ToolException("no key separator '" + separator + "' on line " + lines + ": '"
                            + line + "' (or use --property ignore.error=true)");
                    }
                }
                CompletableFuture<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, key,
                    value.getBytes(StandardCharsets.UTF_8)), (md, e) -> {
                        if (e != null) {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                    });
                if (sent.isCompletedExceptionally()) {
                    // failed before it was queued (no metadata within max.block.ms, record too large): later lines
                    // would fail the same way
                    throw new ToolException("cannot send to " + topic + " via " + bootstrap + ": "
                        + cause(sent).getMessage());
                }
                if (sync) {
                    try {
                        sent.join();
                    } catch (CompletionException e) {
                        throw new ToolException("record on line " + lines + " was not sent to " + topic + ": "
                            + unwrap(e).getMessage(), e);
                    }
                }
            }
            producer.flush();
            producer.close(Duration.ofSeconds(5));
        }
        if (failed.get() > 0) {
            throw new ToolException(failed.get() + " of " + lines + " records were not sent to " + topic + ": "
                + unwrap(firstFailure.get()).getMessage());
        }
        return 0;
    }

    private static Throwable cause(CompletableFuture<?> failed) {
        try {
            failed.join();
            throw new IllegalStateException("not failed");
        } catch (CompletionException e) {
            return unwrap(e);
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
