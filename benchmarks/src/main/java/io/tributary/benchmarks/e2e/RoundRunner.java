package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The measured phases of one broker in one round: warm-up, produce matrix, consume, latency. */
final class RoundRunner {
    private final E2eOptions o;
    private final BrokerProcess broker;
    private final String tag;
    private final List<ClientKind> clients;
    private final Map<String, Double> f;

    RoundRunner(E2eOptions o, BrokerProcess broker, String tag, List<ClientKind> clients, Map<String, Double> f) {
        this.o = o;
        this.broker = broker;
        this.tag = tag;
        this.clients = clients;
        this.f = f;
    }

    void run() throws IOException, InterruptedException {
        String bootstrap = broker.bootstrap;
        long pid = broker.pid();
        if (o.warmupRecords() > 0) {
            for (ClientKind c : clients) {
                Workload.produce(c.client, bootstrap, "warm-" + c.label, o.warmupRecords(), 100, "1", pid);
                Workload.consume(c.client, bootstrap, "warm-" + c.label, o.partitions(), o.warmupRecords(), pid);
            }
            System.out.printf(Locale.ROOT, "%s warmed up with %,d records per client%n", tag, o.warmupRecords());
        }
        double[][] produceCpuAndBytes = new double[ClientKind.values().length][2];
        double[][] consumeCpuAndBytes = new double[ClientKind.values().length][2];
        for (int size : o.recordSizes()) {
            long records = o.recordsFor(size);
            for (ClientKind c : clients) {
                for (String acks : o.acks()) {
                    Workload.Phase p = Workload.produce(c.client, bootstrap, E2eBenchmark.produceTopic(size, c, acks),
                        records, size, acks, pid);
                    put(p, (m) -> Figures.produce(size, acks, c, m));
                    produceCpuAndBytes[c.ordinal()][0] += p.brokerCpuSeconds();
                    produceCpuAndBytes[c.ordinal()][1] += p.bytes();
                    print(String.format(Locale.ROOT, "produce %s acks=%s %s", Figures.size(size), acks, c.label), p);
                }
            }
            // both consumers read the same data: what the first client wrote with the first acks setting
            ClientKind writer = o.clients().contains(ClientKind.KAFKA) ? ClientKind.KAFKA : o.clients().get(0);
            String topic = E2eBenchmark.produceTopic(size, writer, o.acks().get(0));
            for (ClientKind c : clients) {
                Workload.Phase p = Workload.consume(c.client, bootstrap, topic, o.partitions(), records, pid);
                put(p, (m) -> Figures.consume(size, c, m));
                consumeCpuAndBytes[c.ordinal()][0] += p.brokerCpuSeconds();
                consumeCpuAndBytes[c.ordinal()][1] += p.bytes();
                print(String.format(Locale.ROOT, "consume %s %s", Figures.size(size), c.label), p);
            }
        }
        for (ClientKind c : clients) {
            f.put(Figures.produceAll(c), produceCpuAndBytes[c.ordinal()][0] / (produceCpuAndBytes[c.ordinal()][1] / 1e9));
            f.put(Figures.consumeAll(c), consumeCpuAndBytes[c.ordinal()][0] / (consumeCpuAndBytes[c.ordinal()][1] / 1e9));
        }
        for (ClientKind c : clients) {
            Workload.Latency l = Workload.latency(c.client, bootstrap, "latency-" + c.label, o.partitions(),
                o.latencyRate(), o.latencySeconds(), 100);
            f.put(Figures.latency(c, "p50"), l.p50());
            f.put(Figures.latency(c, "p99"), l.p99());
            f.put(Figures.latency(c, "p99.9"), l.p999());
            f.put(Figures.latency(c, "max"), l.max());
            System.out.printf(Locale.ROOT, "%s latency %s at %,d records/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms,"
                + " max %.2f ms (%,d records)%n", tag, c.label, o.latencyRate(), l.p50(), l.p99(), l.p999(), l.max(),
                l.count());
        }
    }

    private void put(Workload.Phase p, java.util.function.Function<String, String> key) {
        f.put(key.apply(Figures.RECORDS_PER_S), p.recordsPerSecond());
        f.put(key.apply(Figures.MB_PER_S), p.megabytesPerSecond());
        f.put(key.apply(Figures.BROKER_CPU), p.brokerCpuSecondsPerGigabyte());
        f.put(key.apply(Figures.CLIENT_CPU), p.clientCpuMicrosPerRecord());
        f.put(key.apply(Figures.SECONDS), p.seconds());
    }

    private void print(String what, Workload.Phase p) {
        System.out.printf(Locale.ROOT, "%s %-28s %,11d records in %6.2f s: %,11.0f records/s %8.1f MB/s, broker CPU"
                + " %5.2f s/GB, client CPU %.3f µs/record%n", tag, what, p.records(), p.seconds(),
            p.recordsPerSecond(), p.megabytesPerSecond(), p.brokerCpuSecondsPerGigabyte(), p.clientCpuMicrosPerRecord());
    }
}
