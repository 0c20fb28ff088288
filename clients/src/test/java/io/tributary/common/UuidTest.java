package io.tributary.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class UuidTest {

    @Property
    void textFormIsKafkasAndRoundTrips(@ForAll long msb, @ForAll long lsb) {
        Uuid ours = new Uuid(msb, lsb);
        org.apache.kafka.common.Uuid theirs = new org.apache.kafka.common.Uuid(msb, lsb);
        assertThat(ours.toString()).isEqualTo(theirs.toString()).hasSize(22);
        assertThat(Uuid.fromString(ours.toString())).isEqualTo(ours);
    }

    @Test
    void randomIdsAreNeverZeroNorStartWithDash() {
        for (int i = 0; i < 1000; i++) {
            Uuid id = Uuid.randomUuid();
            assertThat(id).isNotEqualTo(Uuid.ZERO);
            assertThat(id.toString()).doesNotStartWith("-");
        }
    }

    @Test
    void badTextIsRefusedWithTheValueInTheMessage() {
        assertThatThrownBy(() -> Uuid.fromString("short")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("short");
        assertThatThrownBy(() -> Uuid.fromString("!!!!!!!!!!!!!!!!!!!!!!")).isInstanceOf(IllegalArgumentException.class);
    }
}
