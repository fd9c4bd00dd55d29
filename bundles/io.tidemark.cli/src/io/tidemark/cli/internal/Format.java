/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tidemark.model.Flags;
import io.tidemark.model.SystemFlag;

/** Human-readable numbers, sizes, times and tables for the command's output. */
final class Format {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** @return {@code 1,234,567} */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** @return {@code 512 B}, {@code 12.3 kB}, {@code 4.5 MB} (powers of 1000) */
    static String bytes(long n) {
        if (n < 1000) {
            return n + " B";
        }
        String[] units = { "kB", "MB", "GB", "TB" };
        double v = n;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f %s" : v < 100 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** @return {@code 850 ms}, {@code 1.2 s}, {@code 3 m 05 s} */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        return String.format(Locale.ROOT, "%d m %02d s", ms / 60_000, (ms / 1000) % 60);
    }

    /** @return the local date and time to the minute, or {@code -} */
    static String dateTime(Instant t) {
        return t == null ? "-" : DATE_TIME.format(t);
    }

    /**
     * @return the flags as letters ({@code S}een, {@code A}nswered, {@code F}lagged, {@code D}raft, {@code X}
     *         deleted, dashes for absent ones) followed by the keywords
     */
    static String flags(Flags f) {
        StringBuilder sb = new StringBuilder(5);
        sb.append(f.has(SystemFlag.SEEN) ? 'S' : '-');
        sb.append(f.has(SystemFlag.ANSWERED) ? 'A' : '-');
        sb.append(f.has(SystemFlag.FLAGGED) ? 'F' : '-');
        sb.append(f.has(SystemFlag.DRAFT) ? 'D' : '-');
        sb.append(f.has(SystemFlag.DELETED) ? 'X' : '-');
        if (!f.keywords().isEmpty()) {
            sb.append(' ').append(String.join(",", new java.util.TreeSet<>(f.keywords())));
        }
        return sb.toString();
    }

    /** @return {@code s} cut to {@code max} characters with an ellipsis */
    static String cut(String s, int max) {
        if (s == null) {
            return "";
        }
        String t = s.replaceAll("\\s+", " ").strip();
        return t.length() <= max ? t : t.substring(0, Math.max(0, max - 1)) + "…";
    }

    /**
     * A text table: columns padded to their widest cell; columns listed in {@code right} are right-aligned.
     */
    static final class Table {
        private final List<String[]> rows = new ArrayList<>();
        private final boolean[] right;

        Table(String[] header, boolean... right) {
            rows.add(header);
            this.right = new boolean[header.length];
            for (int i = 0; i < right.length && i < header.length; i++) {
                this.right[i] = right[i];
            }
        }

        Table row(Object... cells) {
            String[] r = new String[cells.length];
            for (int i = 0; i < cells.length; i++) {
                r[i] = String.valueOf(cells[i]);
            }
            rows.add(r);
            return this;
        }

        int size() {
            return rows.size() - 1;
        }

        @Override
        public String toString() {
            int cols = rows.get(0).length;
            int[] w = new int[cols];
            for (String[] r : rows) {
                for (int i = 0; i < cols && i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].codePointCount(0, r[i].length()));
                }
            }
            StringBuilder sb = new StringBuilder();
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < cols; i++) {
                    String c = i < r.length ? r[i] : "";
                    String pad = " ".repeat(w[i] - c.codePointCount(0, c.length()));
                    if (i > 0) {
                        line.append("  ");
                    }
                    line.append(right[i] ? pad + c : (i == cols - 1 ? c : c + pad));
                }
                sb.append(line.toString().stripTrailing()).append(System.lineSeparator());
            }
            return sb.toString();
        }
    }
}
