package io.tributary.connect.file;

import io.tributary.connect.connector.Task;
import io.tributary.connect.source.SourceRecord;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The file source, but its task stops returning lines once {@link #LIMIT} lines were returned: lets a test stop the
 * connector deterministically in the middle of a file.
 */
public class GatedFileStreamSourceConnector extends FileStreamSourceConnector {
    static final AtomicInteger LIMIT = new AtomicInteger(Integer.MAX_VALUE);
    static final AtomicInteger EMITTED = new AtomicInteger();
    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @Override
    public Class<? extends Task> taskClass() {
        return GatedTask.class;
    }

    /** Returns lines until the limit, then idles. */
    public static class GatedTask extends FileStreamSourceTask {
        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (EMITTED.get() >= LIMIT.get()) {
                NEVER.await(20, TimeUnit.MILLISECONDS);
                return null;
            }
            List<SourceRecord> records = super.poll();
            if (records != null) {
                EMITTED.addAndGet(records.size());
            }
            return records;
        }
    }
}
