package hcr.cli.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: columns separated by two spaces, padded to their widest cell, left or
 * right aligned as the alignment string says ({@code "lrrl"}: one letter per column).
 */
final class Table {

    private final String alignment;
    private final List<String[]> rows = new ArrayList<>();

    Table(String alignment, String... header) {
        this.alignment = alignment;
        row(header);
    }

    Table row(String... cells) {
        if (cells.length > alignment.length()) {
            throw new IllegalArgumentException("more cells than columns: " + String.join(" | ", cells));
        }
        rows.add(cells);
        return this;
    }

    String render() {
        var widths = new int[alignment.length()];
        for (var row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        var text = new StringBuilder();
        for (var row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    line.append("  ");
                }
                var pad = " ".repeat(widths[i] - row[i].length());
                line.append(alignment.charAt(i) == 'r' ? pad + row[i] : row[i] + pad);
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
