package io.tributary.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.connect.runtime.ConnectStandalone;
import io.tributary.junit.BootstrapServers;
import io.tributary.junit.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transforms on both sides, configured with Kafka's class names: the source renames the topic (RegexRouter), the
 * sink reads JSON into maps and inserts, masks and drops fields before writing them.
 */
@EmbeddedBroker(properties = {"num.partitions=1"})
class TransformPipelineTest {
    @BootstrapServers
    static String bootstrap;

    @TempDir
    Path dir;

    @Test
    void sourceAndSinkTransformsApplyInOrder() throws Exception {
        Path in = dir.resolve("in.json");
        Path out = dir.resolve("out.txt");
        Files.write(in, List.of("{\"id\":1,\"email\":\"a@b\",\"secret\":\"s1\"}",
            "{\"id\":2,\"email\":\"c@d\",\"secret\":\"s2\"}"), StandardCharsets.UTF_8);
        Map<String, String> worker = Map.of(
            "bootstrap.servers", bootstrap,
            "key.converter", "org.apache.kafka.connect.storage.StringConverter",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter",
            "offset.storage.file.filename", dir.resolve("offsets").toString(),
            "offset.flush.interval.ms", "100",
            "listeners", "http://127.0.0.1:0");
        Map<String, String> source = Map.of("name", "src", "connector.class", "FileStreamSource",
            "file", in.toString(), "topic", "raw-users",
            "transforms", "route",
            "transforms.route.type", "org.apache.kafka.connect.transforms.RegexRouter",
            "transforms.route.regex", "raw-(.*)",
            "transforms.route.replacement", "clean-$1");
        Map<String, String> sink = Map.ofEntries(
            Map.entry("name", "sink"), Map.entry("connector.class", "FileStreamSink"),
            Map.entry("topics", "clean-users"), Map.entry("file", out.toString()),
            Map.entry("value.converter", "org.apache.kafka.connect.json.JsonConverter"),
            Map.entry("value.converter.schemas.enable", "false"),
            Map.entry("transforms", "insert, mask,drop"),
            Map.entry("transforms.insert.type", "org.apache.kafka.connect.transforms.InsertField$Value"),
            Map.entry("transforms.insert.topic.field", "topic"),
            Map.entry("transforms.insert.offset.field", "offset"),
            Map.entry("transforms.mask.type", "MaskField$Value"),
            Map.entry("transforms.mask.fields", "email"),
            Map.entry("transforms.drop.type", "io.tributary.connect.transforms.ReplaceField$Value"),
            Map.entry("transforms.drop.exclude", "secret"));
        try (ConnectStandalone c = ConnectStandalone.start(worker, List.of(source, sink))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(out)
                && Files.readAllLines(out, StandardCharsets.UTF_8).size() >= 2);
        }
        assertThat(Files.readAllLines(out, StandardCharsets.UTF_8)).containsExactly(
            "{id=1, email=, topic=clean-users, offset=0}",
            "{id=2, email=, topic=clean-users, offset=1}");
    }
}
