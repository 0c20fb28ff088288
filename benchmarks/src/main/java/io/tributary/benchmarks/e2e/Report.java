package io.tributary.benchmarks.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The comparison table (medians over the rounds, and the Tributary ÷ Kafka ratio) and the JSON file. */
final class Report {
    private Report() {
    }

    /** The median of a figure over a broker's successful rounds, or null when it has none. */
    static Double median(List<RoundResult> results, BrokerKind broker, Metric m) {
        List<Double> v = results.stream().filter(r -> r.broker() == broker && r.ok() && r.figures().containsKey(m))
            .map(r -> r.figures().get(m)).sorted().toList();
        if (v.isEmpty()) {
            return null;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static void printTable(PrintStream out, List<RoundResult> results) {
        String row = "%-40s %-10s %14s %14s %9s%n";
        out.printf(row, "figure (median over rounds)", "unit", "tributary", "kafka", "T ÷ K");
        out.println("-".repeat(91));
        for (Metric m : Metric.values()) {
            Double t = median(results, BrokerKind.TRIBUTARY, m);
            Double k = median(results, BrokerKind.KAFKA, m);
            out.printf(row, m.label, m.unit, fmt(t), fmt(k), t != null && k != null && k != 0
                ? String.format(Locale.ROOT, "%.2f", t / k) : "-");
        }
        out.println();
        out.println("per round:");
        for (RoundResult r : results) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "  round %d %-9s", r.round(), r.broker().label));
            if (!r.ok()) {
                sb.append(" FAILED: ").append(r.error().lines().findFirst().orElse(""));
            }
            r.figures().forEach((m, v) -> sb.append(' ').append(m.name().toLowerCase(Locale.ROOT)).append('=').append(fmt(v)));
            out.println(sb);
        }
    }

    static void writeJson(Path file, E2eOptions options, List<RoundResult> results) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("time", Instant.now().toString());
        root.put("options", Map.of("records", options.records(), "recordSize", options.recordSize(),
            "partitions", options.partitions(), "rounds", options.rounds(), "warmupRecords", options.warmupRecords(),
            "harnessWarmupRecords", options.harnessWarmupRecords(),
            "order", options.order().stream().map(b -> b.label).toList(), "jvmFlags", options.jvmFlags()));
        root.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
            "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            "clkTck", ProcStats.clockTicksPerSecond(), "kafkaVersion", kafkaVersion()));
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Metric m : Metric.values()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("unit", m.unit);
            Double t = median(results, BrokerKind.TRIBUTARY, m);
            Double k = median(results, BrokerKind.KAFKA, m);
            f.put("tributary", t);
            f.put("kafka", k);
            f.put("ratio", t != null && k != null && k != 0 ? t / k : null);
            summary.put(key(m), f);
        }
        root.put("summary", summary);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (RoundResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", r.round());
            m.put("broker", r.broker().label);
            m.put("error", r.error());
            r.figures().forEach((k, v) -> m.put(key(k), v));
            rounds.add(m);
        }
        root.put("rounds", rounds);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    /** The version kafka-clients records in its jar (the broker is the same release, see the pom). */
    private static String kafkaVersion() {
        Properties p = new Properties();
        try (InputStream in = Report.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return p.getProperty("version", "unknown");
    }

    private static String key(Metric m) {
        StringBuilder sb = new StringBuilder();
        boolean up = false;
        for (char c : m.name().toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                sb.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return sb.toString();
    }

    private static String fmt(Double v) {
        if (v == null) {
            return "-";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }
}
