package io.tributary.broker.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.handlers.FetchSessions.CachedPartition;
import io.tributary.broker.handlers.FetchSessions.Key;
import io.tributary.common.Uuid;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fetch session cache: bounded, evicting only sessions idle for long enough, least recently used first. */
class FetchSessionsTest {
    private static List<CachedPartition> one() {
        return List.of(new CachedPartition(new Key("t", Uuid.ZERO, 0), 0, 1024));
    }

    @Test
    void aFullCacheEvictsTheLeastRecentlyUsedIdleSessionOrDeclines() {
        FetchSessions sessions = new FetchSessions(2, 1000);
        FetchSessions.Session a = sessions.create(one(), false, 0);
        FetchSessions.Session b = sessions.create(one(), false, 0);
        assertThat(a.id).isNotZero().isNotEqualTo(b.id);
        assertThat(sessions.create(one(), false, 500)).as("nobody idle long enough").isNull();
        assertThat(sessions.get(a.id, 900)).isSameAs(a); // a used recently, b idle since 0
        FetchSessions.Session c = sessions.create(one(), false, 1500);
        assertThat(c).isNotNull();
        assertThat(sessions.get(b.id, 1500)).as("b evicted").isNull();
        assertThat(sessions.get(a.id, 1500)).isSameAs(a);
        assertThat(sessions.size()).isEqualTo(2);
        sessions.remove(a.id);
        assertThat(sessions.size()).isOne();
    }

    @Test
    void epochsWrapToOne() {
        assertThat(FetchSessions.nextEpoch(1)).isEqualTo(2);
        assertThat(FetchSessions.nextEpoch(Integer.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void aPartitionIsReportedWhenItsFiguresChangeOrItHasRecordsOrAnError() {
        CachedPartition p = one().get(0);
        assertThat(p.mustRespond(0, (short) 0, 5, 0)).as("first answer").isTrue();
        assertThat(p.mustRespond(0, (short) 0, 5, 0)).as("nothing new").isFalse();
        assertThat(p.mustRespond(10, (short) 0, 5, 0)).as("records").isTrue();
        assertThat(p.mustRespond(0, (short) 0, 6, 0)).as("high watermark").isTrue();
        assertThat(p.mustRespond(0, (short) 0, 6, 2)).as("log start").isTrue();
        assertThat(p.mustRespond(0, (short) 1, 6, 2)).as("error").isTrue();
        assertThat(p.mustRespond(0, (short) 1, 6, 2)).as("error again").isTrue();
        assertThat(p.mustRespond(0, (short) 0, 6, 2)).as("error cleared").isTrue();
        assertThat(p.mustRespond(0, (short) 0, 6, 2)).isFalse();
    }
}
