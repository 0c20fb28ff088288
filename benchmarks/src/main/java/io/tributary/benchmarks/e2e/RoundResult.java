package io.tributary.benchmarks.e2e;

import java.util.EnumMap;
import java.util.Map;

/** The figures of one broker in one round, or the error that ended it. */
record RoundResult(BrokerKind broker, int round, Map<Metric, Double> figures, String error) {

    static RoundResult failed(BrokerKind broker, int round, String error) {
        return new RoundResult(broker, round, new EnumMap<>(Metric.class), error);
    }

    boolean ok() {
        return error == null;
    }
}
