package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a process's CPU time and resident memory from Linux's /proc. */
final class ProcStats {
    private static volatile long clockTicks;

    private ProcStats() {
    }

    /** utime + stime of the process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // the command name (field 2) is in parentheses and may hold spaces: count fields after the last ')'
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** CPU seconds of the process so far. */
    static double cpuSeconds(long pid) throws IOException {
        return (double) cpuTicks(pid) / clockTicksPerSecond();
    }

    /** VmRSS of the process, in KiB. */
    static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** {@code getconf CLK_TCK} (usually 100), asked once. */
    static long clockTicksPerSecond() throws IOException {
        long t = clockTicks;
        if (t == 0) {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                if (p.waitFor() != 0) {
                    throw new IOException("getconf CLK_TCK failed: " + out);
                }
                t = Long.parseLong(out);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted running getconf", e);
            }
            clockTicks = t;
        }
        return t;
    }
}
