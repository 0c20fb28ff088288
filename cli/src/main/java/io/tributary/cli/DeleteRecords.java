package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.clients.admin.Admin;
import io.tributary.common.Errors;
import io.tributary.common.TopicPartition;
import io.tributary.common.TributaryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code delete-records --bootstrap-server host:port --offset-json-file f}: Kafka's {@code kafka-delete-records}.
 * The file is Kafka's: {@code {"partitions":[{"topic":"t","partition":0,"offset":3}],"version":1}}; each partition
 * loses its records below {@code offset} (-1: all of them). Prints, as Kafka's tool, "Executing records delete
 * operation", "Records delete operation completed:" and per partition {@code partition: t-0\tlow_watermark: 3}
 * (or {@code error: …}); exit 1 if any partition failed.
 */
final class DeleteRecords implements Tool {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "delete-records";
    }

    @Override
    public String summary() {
        return "Delete the records of partitions below given offsets.";
    }

    @Override
    public FlagSpec flags() {
        return AdminConnection.commonFlags(new FlagSpec()
                .synopsis("--bootstrap-server <host:port> --offset-json-file <file>"))
            .required("--offset-json-file", "file", "Kafka's JSON: {\"partitions\":[{\"topic\":\"t\",\"partition\":0,"
                + "\"offset\":3}],\"version\":1}");
    }

    @Override
    public int run(ParsedFlags flags, ToolContext context) throws Exception {
        Map<TopicPartition, Long> offsets = read(flags.get("--offset-json-file"));
        boolean failed = false;
        try (AdminConnection connection = AdminConnection.open(flags)) {
            Admin admin = connection.admin();
            context.out().println("Executing records delete operation");
            Map<TopicPartition, String> results = new LinkedHashMap<>();
            for (Map.Entry<TopicPartition, Long> e : offsets.entrySet()) {
                TopicPartition tp = e.getKey();
                try {
                    long low = AdminConnection.await(admin.deleteRecords(Map.of(tp, e.getValue()))).get(tp);
                    results.put(tp, "low_watermark: " + low);
                } catch (TributaryException ex) {
                    failed = true;
                    results.put(tp, "error: " + explain(ex, tp, e.getValue()));
                }
            }
            context.out().println("Records delete operation completed:");
            results.forEach((tp, result) -> context.out().println("partition: " + tp + "\t" + result));
        }
        if (failed) {
            context.err().println(name() + ": some partitions failed (see above)");
        }
        return failed ? 1 : 0;
    }

    private static String explain(TributaryException e, TopicPartition tp, long offset) {
        if (e.error() == Errors.UNKNOWN_TOPIC_OR_PARTITION) {
            return "partition " + tp + " does not exist";
        }
        if (e.error() == Errors.OFFSET_OUT_OF_RANGE) {
            return "offset " + offset + " is beyond the end of " + tp + " (use -1 for all records)";
        }
        return e.getMessage();
    }

    /** Reads and checks Kafka's offset JSON file. */
    static Map<TopicPartition, Long> read(String file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(Path.of(file)));
        } catch (NoSuchFileException e) {
            throw new ToolException("--offset-json-file: no such file " + file);
        } catch (IOException e) {
            throw new ToolException("--offset-json-file " + file + " is not valid JSON: "
                + e.getMessage().lines().findFirst().orElse(""));
        }
        String expected = " (expected: {\"partitions\":[{\"topic\":\"t\",\"partition\":0,\"offset\":3}],\"version\":1})";
        JsonNode partitions = root == null ? null : root.get("partitions");
        if (partitions == null || !partitions.isArray()) {
            throw new ToolException("--offset-json-file " + file + " has no \"partitions\" list" + expected);
        }
        JsonNode version = root.get("version");
        if (version != null && version.asInt() != 1) {
            throw new ToolException("--offset-json-file " + file + ": version " + version + " is not supported"
                + " (expected: 1)");
        }
        Map<TopicPartition, Long> out = new LinkedHashMap<>();
        for (JsonNode p : partitions) {
            JsonNode topic = p.get("topic");
            JsonNode partition = p.get("partition");
            JsonNode offset = p.get("offset");
            if (topic == null || !topic.isTextual() || partition == null || !partition.canConvertToInt()
                    || offset == null || !offset.canConvertToLong()) {
                throw new ToolException("--offset-json-file " + file + ": entry " + p + " needs a topic, a partition"
                    + " and an offset" + expected);
            }
            TopicPartition tp = new TopicPartition(topic.asText(), partition.asInt());
            if (out.put(tp, offset.asLong()) != null) {
                throw new ToolException("--offset-json-file " + file + " names " + tp + " more than once");
            }
        }
        if (out.isEmpty()) {
            throw new ToolException("--offset-json-file " + file + " names no partitions" + expected);
        }
        return out;
    }
}
