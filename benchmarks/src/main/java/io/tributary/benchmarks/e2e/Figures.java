package io.tributary.benchmarks.e2e;

import java.util.Locale;

/**
 * Names of the figures, one string per figure: {@code what | client | measure}. The same names are the table's
 * rows, the JSON summary's keys and what {@link Goals} looks up.
 */
final class Figures {
    static final String NO_CLIENT = "-";
    static final String RECORDS_PER_S = "records/s";
    static final String MB_PER_S = "MB/s";
    static final String BROKER_CPU = "broker CPU s/GB";
    static final String CLIENT_CPU = "client CPU µs/record";
    static final String SECONDS = "s";

    static final String READY = key("ready: spawn to first describeCluster", NO_CLIENT, "ms");
    static final String FORMAT = key("Kafka storage format before spawn", NO_CLIENT, "ms");
    static final String IN_PROCESS = key("in-process BrokerLite.start, warm JVM", NO_CLIENT, "ms");
    static final String IN_PROCESS_COLD = key("in-process BrokerLite.start, first in JVM", NO_CLIENT, "ms");
    static final String RSS = key("broker RSS after the load", NO_CLIENT, "MiB");

    private Figures() {
    }

    static String key(String what, String client, String measure) {
        return what + " | " + client + " | " + measure;
    }

    static String produce(int size, String acks, ClientKind client, String measure) {
        return key(String.format(Locale.ROOT, "produce %s acks=%s", size(size), acks), client.label, measure);
    }

    static String produceAll(ClientKind client) {
        return key("produce, all phases", client.label, BROKER_CPU);
    }

    static String consume(int size, ClientKind client, String measure) {
        return key("consume " + size(size), client.label, measure);
    }

    static String consumeAll(ClientKind client) {
        return key("consume, all phases", client.label, BROKER_CPU);
    }

    static String latency(ClientKind client, String percentile) {
        return key("end-to-end latency", client.label, percentile + " ms");
    }

    static String size(int bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " B";
    }
}
