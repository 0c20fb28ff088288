package io.tributary.connect.file;

import io.tributary.common.config.ParsedConfig;
import io.tributary.connect.data.Schema;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.source.SourceRecord;
import io.tributary.connect.source.SourceTask;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads complete lines (ended by {@code \n}; a trailing {@code \r} is dropped) from a UTF-8 file. Each record's
 * source partition is {@code {"filename": <file>}} and its source offset {@code {"position": <byte after the line>}},
 * so a restart resumes right after the last line whose record the broker acknowledged. A last line without its
 * newline is held back until the newline is written: a writer may still be appending to it.
 */
public class FileStreamSourceTask extends SourceTask {
    static final String VERSION = "0.1.0";
    public static final String FILENAME_FIELD = "filename";
    public static final String POSITION_FIELD = "position";

    private static final Logger log = LoggerFactory.getLogger(FileStreamSourceTask.class);
    private static final long WAIT_FOR_DATA_MS = 100;

    private Path file;
    private String topic;
    private int batchSize;
    private Map<String, String> sourcePartition;

    private FileChannel channel;
    /** Bytes read from the file but not yet returned as lines: buffer[start, end). */
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    /** File position of buffer[start]: the byte after the last line returned. */
    private long linePosition;
    private boolean stopped;

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        ParsedConfig config = FileStreamSourceConnector.CONFIG_DEF.parse(props);
        file = Path.of(config.getString(FileStreamSourceConnector.FILE_CONFIG));
        topic = config.getString(FileStreamSourceConnector.TOPIC_CONFIG);
        batchSize = config.getInt(FileStreamSourceConnector.TASK_BATCH_SIZE_CONFIG);
        sourcePartition = Map.of(FILENAME_FIELD, file.toString());
        Map<String, Object> stored = context == null ? null : context.offsetStorageReader().offset(sourcePartition);
        if (stored != null && stored.get(POSITION_FIELD) instanceof Number n) {
            linePosition = n.longValue();
            log.info("resuming {} at byte {}", file, linePosition);
        }
    }

    @Override
    public synchronized List<SourceRecord> poll() throws InterruptedException {
        if (stopped) {
            return null;
        }
        try {
            if (channel == null && !open()) {
                wait(WAIT_FOR_DATA_MS);
                return null;
            }
            List<SourceRecord> records = new ArrayList<>();
            while (records.size() < batchSize) {
                String line = nextLine();
                if (line == null && !fill()) {
                    break;
                }
                if (line != null) {
                    records.add(new SourceRecord(sourcePartition, Map.of(POSITION_FIELD, linePosition), topic,
                        Schema.STRING_SCHEMA, line));
                }
            }
            if (records.isEmpty()) {
                wait(WAIT_FOR_DATA_MS);
                return null;
            }
            return records;
        } catch (IOException e) {
            throw new ConnectException("cannot read " + file, e);
        }
    }

    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            log.debug("{} does not exist yet", file);
            return false;
        }
        long size = channel.size();
        if (linePosition > size) {
            log.warn("{} is shorter ({} bytes) than the stored position {}: it was truncated or replaced; "
                + "reading it from the start", file, size, linePosition);
            linePosition = 0;
        }
        return true;
    }

    /** The next complete line in the buffer, advancing past it; null when the buffer holds no complete line. */
    private String nextLine() {
        for (int i = start; i < end; i++) {
            if (buffer[i] == '\n') {
                int lineEnd = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
                String line = new String(buffer, start, lineEnd - start, StandardCharsets.UTF_8);
                linePosition += i + 1 - start;
                start = i + 1;
                return line;
            }
        }
        return null;
    }

    /** Reads more of the file after the buffered bytes; false when nothing new was there. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = channel.read(ByteBuffer.wrap(buffer, end, buffer.length - end), linePosition + end);
        if (n <= 0) {
            return false;
        }
        end += n;
        return true;
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        notifyAll();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                log.warn("closing {} failed", file, e);
            }
            channel = null;
        }
    }
}
