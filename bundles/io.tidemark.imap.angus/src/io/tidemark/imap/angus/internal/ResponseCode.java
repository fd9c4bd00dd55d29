/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.tidemark.imap.api.AppendUid;
import io.tidemark.imap.api.CopyUid;
import io.tidemark.model.UidSet;

/**
 * A response code of a status response ({@code OK}, {@code NO}, {@code BAD}, {@code BYE}, tagged or not):
 * {@code [NAME arguments]} (RFC 3501 §7.1, RFC 5530), with typed readers for the arguments this bundle
 * uses: UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ (numbers), PERMANENTFLAGS (a list), MODIFIED (a set, RFC 7162),
 * COPYUID and APPENDUID (RFC 4315).
 *
 * @param name the code, upper case
 * @param args the raw argument text, possibly empty
 */
record ResponseCode(String name, String args) {

    /**
     * @param r a status response, positioned after its status word
     * @return its code, or null if the text does not start with one
     */
    static ResponseCode of(WireResponse r) {
        return parse(r.lexer());
    }

    /** @return the code at the lexer's position, or null */
    static ResponseCode parse(Lexer lx) {
        if (!lx.accept('[')) {
            return null;
        }
        String name = lx.atom().toUpperCase(Locale.ROOT);
        String rest = lx.rest();
        // The arguments end at the first ']' outside a quoted string.
        int depth = 0;
        boolean quoted = false;
        int end = -1;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ']' && depth <= 0) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            throw new ResponseFormatException("response code [" + name + " lacks ']'");
        }
        return new ResponseCode(name, rest.substring(0, end).trim());
    }

    /** @return whether this code is {@code name} */
    boolean is(String code) {
        return name.equals(code);
    }

    /** @return the numeric argument (UIDVALIDITY, UIDNEXT, HIGHESTMODSEQ, UNSEEN) */
    long number() {
        Lexer lx = Lexer.of(args);
        long v = lx.number();
        if (!lx.atEnd()) {
            throw new ResponseFormatException("[" + name + "] has more than a number");
        }
        return v;
    }

    /** @return the flag list argument of PERMANENTFLAGS */
    List<String> list() {
        return Lexer.of(args).atomList();
    }

    /** @return the set argument of MODIFIED */
    UidSet set() {
        Lexer lx = Lexer.of(args);
        UidSet s = lx.sequenceSet();
        if (!lx.atEnd()) {
            throw new ResponseFormatException("[" + name + "] has more than a set");
        }
        return s;
    }

    /** @return the APPENDUID mapping (a MULTIAPPEND set gives its first UID) */
    AppendUid appendUid() {
        Lexer lx = Lexer.of(args);
        long uidValidity = lx.number();
        UidSet uids = lx.sequenceSet();
        return new AppendUid(uidValidity, uids.first());
    }

    /**
     * @return the COPYUID mapping, or null if the server paired the UIDs in an order that a {@link CopyUid}
     *         (ascending source to ascending target) cannot express
     */
    CopyUid copyUid() {
        Lexer lx = Lexer.of(args);
        long uidValidity = lx.number();
        long[] source = orderedRanges(lx);
        long[] target = orderedRanges(lx);
        if (!lx.atEnd()) {
            throw new ResponseFormatException("[COPYUID] has extra arguments");
        }
        return pair(uidValidity, source, target);
    }

    /** Reads a sequence set keeping the order in which its ranges are written: start/end pairs. */
    private static long[] orderedRanges(Lexer lx) {
        String text = lx.atom();
        List<long[]> ranges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            try {
                long a = Long.parseLong(colon < 0 ? part : part.substring(0, colon));
                long b = colon < 0 ? a : Long.parseLong(part.substring(colon + 1));
                if (a < 1 || b < 1 || a > UidSet.MAX_UID || b > UidSet.MAX_UID) {
                    throw new NumberFormatException();
                }
                ranges.add(new long[] { Math.min(a, b), Math.max(a, b) });
            } catch (NumberFormatException e) {
                throw new ResponseFormatException("[COPYUID] set is malformed: " + text);
            }
        }
        long[] out = new long[ranges.size() * 2];
        for (int i = 0; i < ranges.size(); i++) {
            out[2 * i] = ranges.get(i)[0];
            out[2 * i + 1] = ranges.get(i)[1];
        }
        return out;
    }

    private static long count(long[] ranges) {
        long n = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            n += ranges[i + 1] - ranges[i] + 1;
        }
        return n;
    }

    private static CopyUid pair(long uidValidity, long[] source, long[] target) {
        if (count(source) != count(target)) {
            throw new ResponseFormatException("[COPYUID] sets differ in size");
        }
        if (ascending(source) && ascending(target)) {
            return new CopyUid(uidValidity, toSet(source), toSet(target));
        }
        // RFC 4315 pairs the n-th UID of each set in the order written. Sort the pairs by source UID; the
        // result is expressible only if the targets then ascend too.
        long n = count(source);
        if (n > 1_000_000) {
            return null;
        }
        long[][] pairs = new long[(int) n][];
        long[] s = expand(source, (int) n);
        long[] t = expand(target, (int) n);
        for (int i = 0; i < n; i++) {
            pairs[i] = new long[] { s[i], t[i] };
        }
        java.util.Arrays.sort(pairs, (x, y) -> Long.compare(x[0], y[0]));
        UidSet.Builder sb = UidSet.builder();
        UidSet.Builder tb = UidSet.builder();
        for (int i = 0; i < n; i++) {
            if (i > 0 && (pairs[i][1] <= pairs[i - 1][1] || pairs[i][0] == pairs[i - 1][0])) {
                return null;
            }
            sb.add(pairs[i][0]);
            tb.add(pairs[i][1]);
        }
        return new CopyUid(uidValidity, sb.build(), tb.build());
    }

    private static boolean ascending(long[] ranges) {
        for (int i = 2; i < ranges.length; i += 2) {
            if (ranges[i] <= ranges[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static UidSet toSet(long[] ranges) {
        UidSet.Builder b = UidSet.builder();
        for (int i = 0; i < ranges.length; i += 2) {
            b.addRange(ranges[i], ranges[i + 1]);
        }
        return b.build();
    }

    private static long[] expand(long[] ranges, int n) {
        long[] out = new long[n];
        int k = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            for (long v = ranges[i]; v <= ranges[i + 1]; v++) {
                out[k++] = v;
            }
        }
        return out;
    }
}
