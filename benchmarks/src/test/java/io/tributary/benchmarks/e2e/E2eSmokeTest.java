package io.tributary.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end harness with tiny counts, so it cannot rot: both brokers (each in a child JVM), both clients, both
 * record sizes and acks settings, one round. Checks the run completes and that the JSON, Markdown and SVG hold every
 * figure; never the figures' values (this machine's timing is not the test's business).
 */
class E2eSmokeTest {
    static {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }

    @Test
    @Timeout(180)
    void tinyRunMeasuresEveryFigureOfTheMatrixAndWritesJsonAndChart(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("smoke.json");
        E2eOptions options = E2eOptions.parse("--records", "3000", "--rounds", "1", "--harness-warmup-records", "0",
            "--warmup-records", "1000", "--latency-rate", "2000", "--latency-seconds", "1",
            "--jvm-flags", "-Xmx256m -XX:TieredStopAtLevel=1", "--out", json.toString());

        E2eBenchmark.Outcome outcome = E2eBenchmark.run(options);

        assertThat(outcome.results()).hasSize(2).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(outcome.results()).extracting(RoundResult::broker)
            .containsExactlyInAnyOrder(BrokerKind.TRIBUTARY, BrokerKind.KAFKA);

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        JsonNode summary = root.get("summary");
        List<String> bothSides = new ArrayList<>(List.of(Figures.READY, Figures.RSS));
        for (ClientKind c : ClientKind.values()) {
            for (int size : List.of(100, 1024)) {
                for (String acks : List.of("1", "all")) {
                    for (String m : List.of(Figures.RECORDS_PER_S, Figures.MB_PER_S, Figures.BROKER_CPU,
                        Figures.CLIENT_CPU, Figures.SECONDS)) {
                        bothSides.add(Figures.produce(size, acks, c, m));
                    }
                }
                for (String m : List.of(Figures.RECORDS_PER_S, Figures.MB_PER_S, Figures.BROKER_CPU,
                    Figures.CLIENT_CPU, Figures.SECONDS)) {
                    bothSides.add(Figures.consume(size, c, m));
                }
            }
            bothSides.add(Figures.produceAll(c));
            bothSides.add(Figures.consumeAll(c));
            for (String p : List.of("p50", "p99", "p99.9", "max")) {
                bothSides.add(Figures.latency(c, p));
            }
        }
        for (String key : bothSides) {
            assertThat(summary.get(key)).as(key).isNotNull();
            assertThat(summary.get(key).get("tributary").isNumber()).as("broker-lite " + key).isTrue();
            assertThat(summary.get(key).get("kafka").isNumber()).as("Kafka " + key).isTrue();
        }
        for (String key : List.of(Figures.IN_PROCESS, Figures.IN_PROCESS_COLD)) {
            assertThat(summary.get(key).get("tributary").asDouble()).as(key).isPositive();
        }
        assertThat(summary.get(Figures.FORMAT).get("kafka").asDouble()).isPositive();
        for (ClientKind c : ClientKind.values()) {
            // 3000 records were really produced and read: every throughput is a real, positive figure
            assertThat(summary.get(Figures.produce(100, "all", c, Figures.RECORDS_PER_S)).get("kafka").asDouble())
                .isPositive();
            assertThat(summary.get(Figures.consume(1024, c, Figures.RECORDS_PER_S)).get("tributary").asDouble())
                .isPositive();
            assertThat(summary.get(Figures.latency(c, "p99")).get("tributary").asDouble())
                .isGreaterThanOrEqualTo(summary.get(Figures.latency(c, "p50")).get("tributary").asDouble());
        }

        // every goal of the issue, for both clients and both brokers, is in the JSON and drawn in the chart
        assertThat(root.get("goals")).hasSize(outcome.goals().size());
        assertThat(outcome.goals()).hasSize(2 * 9 + 3 + 6 + 2 * 12);
        String svg = Files.readString(options.chart());
        assertThat(svg).startsWith("<svg").endsWith("</svg>\n");
        assertThat(Pattern.compile("stroke=\"black\" stroke-width=\"2\"").matcher(svg).results().count())
            .isEqualTo(outcome.goals().size());
        for (Goals.Line g : outcome.goals()) {
            assertThat(svg).contains(g.what().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
        }
        assertThat(Files.readString(dir.resolve("smoke.md"))).contains("| ready: spawn to first describeCluster |");
    }
}
