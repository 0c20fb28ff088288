package io.tributary.connect.runtime;

import io.tributary.connect.header.Header;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Headers between the wire ({@link io.tributary.record.Header}, bytes) and connectors ({@link Header}): read
 * headers keep their bytes; written headers are a {@code byte[]} as is and anything else as its UTF-8 text, which
 * is how Kafka's default header converter writes strings. No {@code header.converter} yet.
 */
final class RecordHeaders {
    private RecordHeaders() {
    }

    static List<Header> toConnect(List<io.tributary.record.Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<Header> out = new ArrayList<>(headers.size());
        for (io.tributary.record.Header h : headers) {
            out.add(Header.ofBytes(h.key(), h.value()));
        }
        return out;
    }

    static List<io.tributary.record.Header> toRecord(List<Header> headers) {
        if (headers.isEmpty()) {
            return List.of();
        }
        List<io.tributary.record.Header> out = new ArrayList<>(headers.size());
        for (Header h : headers) {
            Object v = h.value();
            byte[] bytes = v == null ? null : v instanceof byte[] b ? b
                : String.valueOf(v).getBytes(StandardCharsets.UTF_8);
            out.add(new io.tributary.record.Header(h.key(), bytes));
        }
        return out;
    }
}
