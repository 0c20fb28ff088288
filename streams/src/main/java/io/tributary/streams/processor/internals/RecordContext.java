package io.tributary.streams.processor.internals;

import io.tributary.record.Header;
import io.tributary.streams.errors.ErrorHandlerContext;
import java.util.List;

/** A snapshot of the input record being processed when an error happened, for the exception handlers. */
record RecordContext(String topic, int partition, long offset, long timestamp, List<Header> headers, int taskId)
    implements ErrorHandlerContext {

    static RecordContext of(ProcessorContextImpl context) {
        return new RecordContext(context.topic(), context.recordPartition(), context.offset(), context.timestamp(),
            context.headers(), context.partition());
    }
}
