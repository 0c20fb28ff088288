package io.tributary.connect.file;

import io.tributary.clients.consumer.OffsetAndMetadata;
import io.tributary.common.TopicPartition;
import io.tributary.connect.errors.ConnectException;
import io.tributary.connect.sink.SinkRecord;
import io.tributary.connect.sink.SinkTask;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends {@code String.valueOf(value)} and {@code \n} per record, in UTF-8. {@link #flush} writes the buffer and
 * forces the file to disk, so offsets committed after it never point past what is in the file.
 */
public class FileStreamSinkTask extends SinkTask {
    private static final Logger log = LoggerFactory.getLogger(FileStreamSinkTask.class);

    private Path file;
    private FileChannel channel;
    private OutputStream out;

    @Override
    public String version() {
        return FileStreamSourceTask.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        file = Path.of(FileStreamSinkConnector.CONFIG_DEF.parse(props).getString(FileStreamSinkConnector.FILE_CONFIG));
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ConnectException("cannot open " + file + " for appending", e);
        }
        out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
        log.info("writing records to {}", file);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        try {
            for (SinkRecord r : records) {
                out.write(String.valueOf(r.value()).getBytes(StandardCharsets.UTF_8));
                out.write('\n');
            }
        } catch (IOException e) {
            throw new ConnectException("cannot write to " + file, e);
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        try {
            out.flush();
            channel.force(false);
        } catch (IOException e) {
            throw new ConnectException("cannot flush " + file, e);
        }
    }

    @Override
    public void stop() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                log.warn("closing {} failed", file, e);
            }
            out = null;
        }
    }
}
