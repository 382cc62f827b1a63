package com.appealdesk.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * What a benchmark run found: every figure beside its goal, the tables and notes of each section, and charts; written
 * as {@code report.md} (and PNG charts) in one folder, and printed as one table.
 */
final class BenchReport {

    /** One measured figure; {@code met} is null where the figure has no goal of its own (a reference, a ratio's parts). */
    record Figure(String section, String name, String value, String goal, Boolean met) {
    }

    record Series(String name, List<double[]> points) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, List<String>> details = new LinkedHashMap<>();
    private final String title;

    BenchReport(String title) {
        this.title = title;
    }

    void figure(String section, String name, String value, String goal, Boolean met) {
        figures.add(new Figure(section, name, value, goal, met));
    }

    /** A figure in milliseconds against an upper bound. */
    void millis(String section, String name, double millis, double goalAtMost) {
        figure(section, name, format(millis) + " ms", "< " + format(goalAtMost) + " ms", millis < goalAtMost);
    }

    void ratio(String section, String name, double ratio, String goal, boolean met) {
        figure(section, name, String.format(Locale.ROOT, "%.2f", ratio), goal, met);
    }

    void info(String section, String name, String value) {
        figure(section, name, value, "", null);
    }

    /** Markdown (a table, a sentence) shown under the section's heading. */
    void detail(String section, String markdown) {
        details.computeIfAbsent(section, key -> new ArrayList<>()).add(markdown);
    }

    /** A line chart with logarithmic axes, kept as a PNG beside the report. */
    void chart(String section, String fileName, String heading, String xLabel, String yLabel, List<Series> series) {
        detail(section, "![" + heading + "](" + fileName + ")");
        pending.put(fileName, new Object[] {heading, xLabel, yLabel, series});
    }

    private final Map<String, Object[]> pending = new LinkedHashMap<>();

    List<Figure> figures() {
        return List.copyOf(figures);
    }

    /** The figures as one Markdown table: section, figure, measured, goal, met. */
    String table() {
        StringBuilder out = new StringBuilder("| section | figure | measured | goal | met |\n| --- | --- | --- | --- | --- |\n");
        for (Figure figure : figures) {
            out.append("| ").append(figure.section()).append(" | ").append(figure.name()).append(" | ").append(figure.value())
                    .append(" | ").append(figure.goal()).append(" | ")
                    .append(figure.met() == null ? "" : figure.met() ? "yes" : "**no**").append(" |\n");
        }
        return out.toString();
    }

    Path write(Path folder, String setup) throws IOException {
        Files.createDirectories(folder);
        StringBuilder out = new StringBuilder("# " + title + "\n\n").append("Run at ").append(Instant.now()).append(". ")
                .append(setup).append("\n\n").append(table());
        for (Map.Entry<String, List<String>> section : details.entrySet()) {
            out.append("\n## ").append(section.getKey()).append("\n\n");
            section.getValue().forEach(markdown -> out.append(markdown).append("\n\n"));
        }
        for (Map.Entry<String, Object[]> chart : pending.entrySet()) {
            Object[] spec = chart.getValue();
            @SuppressWarnings("unchecked")
            List<Series> series = (List<Series>) spec[3];
            ImageIO.write(draw((String) spec[0], (String) spec[1], (String) spec[2], series), "png", folder.resolve(chart.getKey()).toFile());
        }
        Path report = folder.resolve("report.md");
        Files.writeString(report, out, StandardCharsets.UTF_8);
        return report;
    }

    static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    private static BufferedImage draw(String heading, String xLabel, String yLabel, List<Series> series) {
        int width = 900;
        int height = 540;
        int left = 90;
        int right = 290;
        int top = 50;
        int bottom = 70;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        double minY = Double.MAX_VALUE;
        double maxY = 0;
        for (Series one : series) {
            for (double[] point : one.points()) {
                minX = Math.min(minX, point[0]);
                maxX = Math.max(maxX, point[0]);
                minY = Math.min(minY, Math.max(point[1], 0.1));
                maxY = Math.max(maxY, point[1]);
            }
        }
        double lx0 = Math.floor(Math.log10(minX));
        double lx1 = Math.max(lx0 + 1, Math.ceil(Math.log10(maxX)));
        double ly0 = Math.floor(Math.log10(minY));
        double ly1 = Math.max(ly0 + 1, Math.ceil(Math.log10(maxY)));
        int plotWidth = width - left - right;
        int plotHeight = height - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(heading, left, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (double decade = lx0; decade <= lx1; decade++) {
            int x = left + (int) ((decade - lx0) / (lx1 - lx0) * plotWidth);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(x, top, x, top + plotHeight);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(Math.pow(10, decade)), x - 12, top + plotHeight + 18);
        }
        for (double decade = ly0; decade <= ly1; decade++) {
            int y = top + plotHeight - (int) ((decade - ly0) / (ly1 - ly0) * plotHeight);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(left, y, left + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(format(Math.pow(10, decade)), 10, y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawRect(left, top, plotWidth, plotHeight);
        g.drawString(xLabel, left + plotWidth / 2 - 60, height - 25);
        g.drawString(yLabel, 10, top - 10);
        Color[] palette = {new Color(0xC0392B), new Color(0x2471A3), new Color(0x229954), new Color(0x7D3C98), new Color(0xD68910)};
        int index = 0;
        for (Series one : series) {
            Color color = palette[index % palette.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2.5f));
            int[] previous = null;
            for (double[] point : one.points()) {
                int x = left + (int) ((Math.log10(point[0]) - lx0) / (lx1 - lx0) * plotWidth);
                int y = top + plotHeight - (int) ((Math.log10(Math.max(point[1], 0.1)) - ly0) / (ly1 - ly0) * plotHeight);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (previous != null) {
                    g.drawLine(previous[0], previous[1], x, y);
                }
                previous = new int[] {x, y};
            }
            g.fillRect(left + plotWidth + 15, top + 20 + index * 22, 14, 4);
            g.setColor(Color.BLACK);
            g.drawString(one.name(), left + plotWidth + 35, top + 26 + index * 22);
            index++;
        }
        g.dispose();
        return image;
    }
}
