package com.appealdesk.api;

import java.util.List;

/**
 * RFC 4180 CSV, safe to open in a spreadsheet: a cell that begins like a formula (= + - @, tab, return) is prefixed
 * with an apostrophe, so text an appellant or a staff member wrote cannot run as a formula on an auditor's machine.
 */
public final class Csv {

    private Csv() {
    }

    public static String row(List<?> cells) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        return out.append("\r\n").toString();
    }

    static String cell(Object value) {
        String text = value == null ? "" : value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
