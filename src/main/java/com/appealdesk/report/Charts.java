package com.appealdesk.report;

import java.util.List;
import java.util.Locale;

/** Bar charts as inline SVG (no script, nothing fetched): a column of a report table against its first column. */
final class Charts {

    private Charts() {
    }

    static String bars(String title, Reports.Table table, int column, double max) {
        int width = 720;
        int barHeight = 22;
        List<List<Object>> rows = table.rows();
        StringBuilder svg = new StringBuilder("<h2>").append(ReportController.escape(title)).append("</h2>");
        if (rows.isEmpty()) {
            return svg.append("<p>No data in this period.</p>").toString();
        }
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width).append("\" height=\"")
                .append(rows.size() * barHeight + 10).append("\"><title>").append(ReportController.escape(title)).append("</title>");
        for (int i = 0; i < rows.size(); i++) {
            double value = rows.get(i).get(column) instanceof Number number ? number.doubleValue() : 0;
            int length = (int) Math.round(Math.max(0, Math.min(1, value / max)) * (width - 260));
            int y = i * barHeight + 5;
            svg.append("<text x=\"0\" y=\"").append(y + 15).append("\" font-size=\"13\">")
                    .append(ReportController.escape(String.valueOf(rows.get(i).get(0)))).append("</text>")
                    .append("<rect x=\"140\" y=\"").append(y + 3).append("\" width=\"").append(length)
                    .append("\" height=\"16\" fill=\"#2471a3\"/>")
                    .append("<text x=\"").append(146 + length).append("\" y=\"").append(y + 15).append("\" font-size=\"13\">")
                    .append(String.format(Locale.ROOT, "%.2f", value)).append("</text>");
        }
        return svg.append("</svg>").toString();
    }
}
