package io.tributary.benchmarks.e2e;

import java.util.LinkedHashMap;
import java.util.Map;

/** The figures of one broker in one round (keys from {@link Figures}), or the error that ended it. */
record RoundResult(BrokerKind broker, int round, Map<String, Double> figures, String error) {

    static RoundResult failed(BrokerKind broker, int round, Map<String, Double> partial, String error) {
        return new RoundResult(broker, round, new LinkedHashMap<>(partial), error);
    }

    boolean ok() {
        return error == null;
    }
}
