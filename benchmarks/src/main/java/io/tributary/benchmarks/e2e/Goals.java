package io.tributary.benchmarks.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The goals of the benchmarks issue, each as a ratio of two medians (Tributary ÷ Kafka) and a target. A ratio is
 * always Tributary's figure over Kafka's, so "ready 30× sooner" is a target of at most 1/30.
 */
final class Goals {
    /**
     * One goal verdict.
     *
     * @param group  which comparison: broker vs broker, full stack, or client vs client
     * @param what   the figure compared
     * @param ratio  Tributary ÷ Kafka, or null when a side has no figure
     * @param target the goal
     * @param atMost whether the ratio must be at most the target (else at least)
     */
    record Line(String group, String what, Double ratio, double target, boolean atMost) {
        Boolean met() {
            return ratio == null ? null : atMost ? ratio <= target : ratio >= target;
        }

        String targetText() {
            return (atMost ? "≤ " : "≥ ") + (target < 0.1 ? String.format(Locale.ROOT, "%.3f (1/%.0f)", target,
                1 / target) : String.format(Locale.ROOT, "%.2f", target));
        }

        String verdict() {
            Boolean m = met();
            return m == null ? "no figure" : m ? "met" : "MISSED";
        }
    }

    private final List<RoundResult> results;
    private final List<Line> lines = new ArrayList<>();

    private Goals(List<RoundResult> results) {
        this.results = results;
    }

    static List<Line> evaluate(List<RoundResult> results, E2eOptions o) {
        Goals g = new Goals(results);
        for (ClientKind c : o.clients()) {
            String group = "broker-lite ÷ Kafka, both with " + c.label;
            g.brokers(group, "broker CPU per GB produced", Figures.produceAll(c), 0.5, true);
            g.brokers(group, "broker CPU per GB fetched", Figures.consumeAll(c), 0.5, true);
            for (int size : o.recordSizes()) {
                for (String acks : o.acks()) {
                    g.brokers(group, "produce " + Figures.size(size) + " acks=" + acks + " records/s",
                        Figures.produce(size, acks, c, Figures.RECORDS_PER_S), 1.1, false);
                }
                g.brokers(group, "consume " + Figures.size(size) + " records/s",
                    Figures.consume(size, c, Figures.RECORDS_PER_S), 1.1, false);
            }
            g.brokers(group, "end-to-end latency p99", Figures.latency(c, "p99"), 0.5, true);
        }
        String group = "broker-lite ÷ Kafka";
        g.brokers(group, "ready: spawned process to first metadata answer", Figures.READY, 1 / 30.0, true);
        g.add(group, "ready: in-process start (first in JVM) ÷ Kafka's spawned process",
            ratio(g.median(BrokerKind.TRIBUTARY, Figures.IN_PROCESS_COLD), g.median(BrokerKind.KAFKA, Figures.READY)),
            1 / 30.0, true);
        g.brokers(group, "resident memory after the load", Figures.RSS, 0.25, true);
        if (o.clients().contains(ClientKind.KAFKA) && o.clients().contains(ClientKind.TRIBUTARY)) {
            group = "Tributary clients on broker-lite ÷ kafka-clients on Kafka (full stacks)";
            for (int size : o.recordSizes()) {
                for (String acks : o.acks()) {
                    String k = Figures.produce(size, acks, ClientKind.TRIBUTARY, Figures.RECORDS_PER_S);
                    String kk = Figures.produce(size, acks, ClientKind.KAFKA, Figures.RECORDS_PER_S);
                    g.add(group, "produce " + Figures.size(size) + " acks=" + acks + " records/s",
                        ratio(g.median(BrokerKind.TRIBUTARY, k), g.median(BrokerKind.KAFKA, kk)), 1.5, false);
                }
                String k = Figures.consume(size, ClientKind.TRIBUTARY, Figures.RECORDS_PER_S);
                String kk = Figures.consume(size, ClientKind.KAFKA, Figures.RECORDS_PER_S);
                g.add(group, "consume " + Figures.size(size) + " records/s",
                    ratio(g.median(BrokerKind.TRIBUTARY, k), g.median(BrokerKind.KAFKA, kk)), 1.5, false);
            }
            for (BrokerKind b : o.brokers()) {
                group = "Tributary clients ÷ kafka-clients, both on " + (b == BrokerKind.KAFKA ? "Kafka" : "broker-lite");
                for (int size : o.recordSizes()) {
                    for (String acks : o.acks()) {
                        String what = "produce " + Figures.size(size) + " acks=" + acks;
                        g.clients(group, b, what + " records/s",
                            c -> Figures.produce(size, acks, c, Figures.RECORDS_PER_S), 1.0, false);
                        g.clients(group, b, what + " client CPU/record",
                            c -> Figures.produce(size, acks, c, Figures.CLIENT_CPU), 1.0, true);
                    }
                    String what = "consume " + Figures.size(size);
                    g.clients(group, b, what + " records/s", c -> Figures.consume(size, c, Figures.RECORDS_PER_S), 1.0,
                        false);
                    g.clients(group, b, what + " client CPU/record", c -> Figures.consume(size, c, Figures.CLIENT_CPU),
                        1.0, true);
                }
            }
        }
        return g.lines;
    }

    private void brokers(String group, String what, String key, double target, boolean atMost) {
        add(group, what, ratio(median(BrokerKind.TRIBUTARY, key), median(BrokerKind.KAFKA, key)), target, atMost);
    }

    private void clients(String group, BrokerKind broker, String what,
                         java.util.function.Function<ClientKind, String> key, double target, boolean atMost) {
        add(group, what, ratio(median(broker, key.apply(ClientKind.TRIBUTARY)), median(broker, key.apply(ClientKind.KAFKA))),
            target, atMost);
    }

    private void add(String group, String what, Double ratio, double target, boolean atMost) {
        lines.add(new Line(group, what, ratio, target, atMost));
    }

    private Double median(BrokerKind broker, String key) {
        return Report.median(results, broker, key);
    }

    private static Double ratio(Double t, Double k) {
        return t != null && k != null && k != 0 ? t / k : null;
    }
}
