package io.tributary.benchmarks.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG bar chart of the goal ratios (Tributary ÷ Kafka) on a log scale from 0.01 to 10: one bar per
 * goal from 1 to its ratio, green when the goal is met, red when missed, with a black tick at the goal.
 */
final class RatioChart {
    private static final int LABEL_WIDTH = 470;
    private static final int PLOT_WIDTH = 460;
    private static final int ROW = 18;
    private static final int TOP = 58;
    private static final double MIN_LOG = -2;
    private static final double MAX_LOG = 1;

    private RatioChart() {
    }

    static void write(Path file, List<Goals.Line> goals, E2eOptions o) throws IOException {
        long groups = goals.stream().map(Goals.Line::group).distinct().count();
        int height = TOP + (int) (goals.size() + groups) * ROW + 40;
        int width = LABEL_WIDTH + PLOT_WIDTH + 80;
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
            + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">%s</text>%n",
            esc("Tributary ÷ Kafka 4.4 (log scale; green: goal met, red: missed, black tick: goal)")));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"34\">%s</text>%n", esc(String.format(Locale.ROOT,
            "%s, %d CPUs, %s, sizes %s, acks %s, %d partitions, median of %d round(s)", LocalDate.now(ZoneOffset.UTC),
            Runtime.getRuntime().availableProcessors(), o.records() > 0 ? o.records() + " records per phase"
                : o.megabytes() + " MB per produce phase", o.recordSizes(), o.acks(), o.partitions(), o.rounds()))));
        int bottom = height - 30;
        for (double tick : new double[] {0.01, 0.03, 0.1, 0.25, 0.5, 1, 1.5, 2, 5, 10}) {
            double x = x(tick);
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>%n",
                x, TOP - 8, x, bottom, tick == 1 ? "#444" : "#ddd"));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                bottom + 14, trim(tick)));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x,
                TOP - 12, trim(tick)));
        }
        int y = TOP;
        String group = null;
        for (Goals.Line g : goals) {
            if (!g.group().equals(group)) {
                group = g.group();
                s.append(String.format(Locale.ROOT, "<text x=\"6\" y=\"%d\" font-weight=\"bold\">%s</text>%n",
                    y + 13, esc(group)));
                y += ROW;
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                LABEL_WIDTH - 6, y + 13, esc(g.what() + " (" + g.targetText() + ")")));
            if (g.ratio() != null) {
                double x0 = x(1);
                double x1 = x(g.ratio());
                String colour = Boolean.TRUE.equals(g.met()) ? "#2e9d4a" : "#d23c3c";
                s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                    + " fill=\"%s\"/>%n", Math.min(x0, x1), y + 3, Math.max(1, Math.abs(x1 - x0)), ROW - 6, colour));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LABEL_WIDTH + PLOT_WIDTH + 8,
                    y + 13, String.format(Locale.ROOT, "%.3f", g.ratio())));
            } else {
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#888\">no figure</text>%n",
                    LABEL_WIDTH + 8, y + 13));
            }
            double xt = x(g.target());
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\""
                + " stroke-width=\"2\"/>%n", xt, y + 1, xt, y + ROW - 1));
            y += ROW;
        }
        s.append("</svg>\n");
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Files.writeString(file, s.toString());
    }

    /** The x coordinate of a ratio, clamped to the plot. */
    private static double x(double ratio) {
        double l = Math.log10(Math.max(ratio, 1e-9));
        l = Math.max(MIN_LOG, Math.min(MAX_LOG, l));
        return LABEL_WIDTH + (l - MIN_LOG) / (MAX_LOG - MIN_LOG) * PLOT_WIDTH;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
