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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The comparison table (medians over the rounds, Tributary ÷ Kafka ratios, goal verdicts) and the JSON file. */
final class Report {
    private Report() {
    }

    /** The median of a figure over a broker's successful rounds, or null when it has none. */
    static Double median(List<RoundResult> results, BrokerKind broker, String key) {
        List<Double> v = results.stream().filter(r -> r.broker() == broker && r.ok() && r.figures().containsKey(key))
            .map(r -> r.figures().get(key)).sorted().toList();
        if (v.isEmpty()) {
            return null;
        }
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    /** Every figure name any round measured, in the order they were first measured. */
    static Set<String> keys(List<RoundResult> results) {
        Set<String> keys = new LinkedHashSet<>();
        results.stream().filter(r -> r.broker() == BrokerKind.TRIBUTARY).forEach(r -> keys.addAll(r.figures().keySet()));
        results.forEach(r -> keys.addAll(r.figures().keySet()));
        return keys;
    }

    static void printTable(PrintStream out, List<RoundResult> results, List<Goals.Line> goals) {
        String row = "%-52s %-14s %-22s %14s %14s %7s%n";
        out.printf(row, "figure (median over rounds)", "client", "measure", "broker-lite", "Kafka 4.4", "ratio");
        out.println("-".repeat(130));
        for (String key : keys(results)) {
            String[] k = key.split(" \\| ");
            Double t = median(results, BrokerKind.TRIBUTARY, key);
            Double kf = median(results, BrokerKind.KAFKA, key);
            out.printf(row, k[0], k[1], k[2], fmt(t), fmt(kf), ratioText(t, kf));
        }
        out.println();
        out.println("goals (ratio = Tributary ÷ Kafka):");
        String group = null;
        for (Goals.Line g : goals) {
            if (!g.group().equals(group)) {
                group = g.group();
                out.println("  " + group);
            }
            out.printf(Locale.ROOT, "    %-58s %8s   target %-16s %s%n", g.what(), g.ratio() == null ? "-"
                : String.format(Locale.ROOT, "%.3f", g.ratio()), g.targetText(), g.verdict());
        }
        long met = goals.stream().filter(g -> Boolean.TRUE.equals(g.met())).count();
        out.printf(Locale.ROOT, "  %d of %d goals met%n", met, goals.size());
        results.stream().filter(r -> !r.ok()).forEach(r -> out.printf(Locale.ROOT, "round %d %s FAILED: %s%n",
            r.round(), r.broker().label, r.error().lines().findFirst().orElse("")));
    }

    /** The same table and goals as Markdown, for the README. */
    static String markdown(List<RoundResult> results, List<Goals.Line> goals) {
        StringBuilder sb = new StringBuilder("| figure (median) | client | measure | broker-lite | Kafka 4.4 | ratio |\n"
            + "|---|---|---|---|---|---|\n");
        for (String key : keys(results)) {
            String[] k = key.split(" \\| ");
            Double t = median(results, BrokerKind.TRIBUTARY, key);
            Double kf = median(results, BrokerKind.KAFKA, key);
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", k[0], k[1], k[2], fmt(t), fmt(kf),
                ratioText(t, kf)));
        }
        sb.append("\n| comparison | figure | ratio | goal | verdict |\n|---|---|---|---|---|\n");
        for (Goals.Line g : goals) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", g.group(), g.what(),
                g.ratio() == null ? "-" : String.format(Locale.ROOT, "%.3f", g.ratio()), g.targetText(),
                Boolean.FALSE.equals(g.met()) ? "**missed**" : g.verdict()));
        }
        return sb.toString();
    }

    static void writeJson(Path file, E2eOptions options, List<RoundResult> results, List<Goals.Line> goals)
            throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("time", Instant.now().toString());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("megabytesPerProducePhase", options.megabytes());
        opts.put("records", options.records());
        opts.put("recordSizes", options.recordSizes());
        opts.put("acks", options.acks());
        opts.put("partitions", options.partitions());
        opts.put("rounds", options.rounds());
        opts.put("warmupRecords", options.warmupRecords());
        opts.put("harnessWarmupRecords", options.harnessWarmupRecords());
        opts.put("brokers", options.brokers().stream().map(b -> b.label).toList());
        opts.put("clients", options.clients().stream().map(c -> c.label).toList());
        opts.put("jvmFlags", options.jvmFlags());
        opts.put("latencyRate", options.latencyRate());
        opts.put("latencySeconds", options.latencySeconds());
        root.put("options", opts);
        root.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
            "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
            "clkTck", ProcStats.clockTicksPerSecond(), "kafkaVersion", kafkaVersion()));
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String key : keys(results)) {
            Map<String, Object> f = new LinkedHashMap<>();
            Double t = median(results, BrokerKind.TRIBUTARY, key);
            Double k = median(results, BrokerKind.KAFKA, key);
            f.put("tributary", t);
            f.put("kafka", k);
            f.put("ratio", t != null && k != null && k != 0 ? t / k : null);
            summary.put(key, f);
        }
        root.put("summary", summary);
        List<Map<String, Object>> goalList = new ArrayList<>();
        for (Goals.Line g : goals) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", g.group());
            m.put("figure", g.what());
            m.put("ratio", g.ratio());
            m.put("target", g.target());
            m.put("atMost", g.atMost());
            m.put("met", g.met());
            goalList.add(m);
        }
        root.put("goals", goalList);
        List<Map<String, Object>> rounds = new ArrayList<>();
        for (RoundResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("round", r.round());
            m.put("broker", r.broker().label);
            m.put("error", r.error());
            m.put("figures", r.figures());
            rounds.add(m);
        }
        root.put("rounds", rounds);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        Files.writeString(file.resolveSibling(file.getFileName().toString().replaceFirst("\\.json$", "") + ".md"),
            markdown(results, goals));
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

    private static String ratioText(Double t, Double k) {
        return t != null && k != null && k != 0 ? String.format(Locale.ROOT, "%.2f", t / k) : "-";
    }

    static String fmt(Double v) {
        if (v == null) {
            return "-";
        }
        return Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : Math.abs(v) >= 10
            ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.3f", v);
    }
}
