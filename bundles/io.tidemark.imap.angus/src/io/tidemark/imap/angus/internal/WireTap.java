/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.util.Locale;

/**
 * Watches one direction of a connection's byte stream, framed the way IMAP frames it: lines end in CRLF,
 * and a line ending in <code>{n}</code> (or <code>{n+}</code>, <code>{n-}</code>) is followed by n bytes of
 * literal data, after which the same logical line continues.
 * <p>
 * It counts bytes; in the client direction it counts tagged commands (SASL responses and IDLE's
 * {@code DONE} are not commands); in the server direction it refuses literals and lines too large to hold
 * before the parser allocates a buffer for them; and it feeds the {@link WireTrace} one line per CRLF
 * (literals of more than {@value #TRACED_LITERAL} bytes shown as their size only, and credentials replaced
 * by {@code ***} while the trace is {@link WireTrace#sensitive() sensitive}).
 * <p>
 * Thread-safe (synchronized): in IDLE another thread may write {@code DONE} while the owner reads.
 */
final class WireTap {

    /** Literals up to this size are shown in the trace. */
    static final int TRACED_LITERAL = 256;

    private static final int MAX_TRACE_LINE = 4096;
    private static final int HEAD = 48;

    private final boolean client;
    private final TrafficMeter meter;
    private final WireTrace trace;
    private final long maxSegment;

    /** Bytes of literal data still to come. */
    private long literalLeft;
    /** Size of the literal being passed, for the trace. */
    private long literalSize;
    /** The last bytes of the current segment, to find a literal announcement before CRLF. */
    private final byte[] ring = new byte[32];
    /** Bytes seen in the current segment (outside literal data). */
    private long segmentBytes;
    /** Whether the next byte begins a logical line (a command, a response, a SASL line). */
    private boolean lineStart = true;
    /** Whether the current segment is the first of its logical line. */
    private boolean firstSegment = true;
    /** The first bytes of the current logical line, to classify it. */
    private final byte[] head = new byte[HEAD];
    private int headLen;
    /** Whether the current segment is hidden from the trace (the rest of a sensitive line). */
    private boolean suppressLine;
    /** Whether the segments after the current one are hidden. */
    private boolean suppressRest;
    /** Client logical lines still to come that are continuation data, not commands (IDLE's DONE). */
    private int notCommands;
    private final StringBuilder text = new StringBuilder();
    private boolean textCut;

    /**
     * @param client whether this taps the client-to-server direction
     * @param meter counts bytes and commands
     * @param trace the session's trace (possibly disabled)
     * @param maxSegment the largest line or literal the server may send, in bytes
     */
    WireTap(boolean client, TrafficMeter meter, WireTrace trace, long maxSegment) {
        this.client = client;
        this.meter = meter;
        this.trace = trace;
        this.maxSegment = maxSegment;
    }

    /** Marks the next client logical line as continuation data (IDLE's DONE), not a tagged command. */
    synchronized void nextLineIsNotACommand() {
        notCommands++;
    }

    /**
     * Passes bytes through the tap.
     *
     * @throws OversizedResponseException (server direction) when a line or literal is too large to hold
     */
    synchronized void bytes(byte[] b, int off, int len) throws OversizedResponseException {
        if (len <= 0) {
            return;
        }
        if (client) {
            meter.out(len);
        } else {
            meter.in(len);
        }
        boolean tracing = trace.enabled();
        int end = off + len;
        int i = off;
        while (i < end) {
            if (literalLeft > 0) {
                int n = (int) Math.min(literalLeft, end - i);
                if (tracing && literalSize <= TRACED_LITERAL && !suppressLine) {
                    appendText(b, i, n);
                }
                literalLeft -= n;
                i += n;
                if (literalLeft == 0 && tracing && literalSize > TRACED_LITERAL && !suppressLine) {
                    appendRaw("<literal " + literalSize + " bytes>");
                }
                continue;
            }
            byte x = b[i++];
            if (lineStart) {
                lineStart = false;
                firstSegment = true;
                headLen = 0;
                suppressLine = false;
                suppressRest = false;
            }
            if (firstSegment && headLen < HEAD) {
                head[headLen++] = x;
            }
            ring[(int) (segmentBytes & 31)] = x;
            segmentBytes++;
            if (!client && segmentBytes > maxSegment) {
                throw new OversizedResponseException("the server sent a line of more than " + maxSegment
                        + " bytes without a line end");
            }
            if (x == '\n' && segmentBytes >= 2 && ring[(int) ((segmentBytes - 2) & 31)] == '\r') {
                long literal = announcedLiteral();
                endSegment(literal >= 0, tracing);
                if (literal >= 0) {
                    if (!client && literal > maxSegment) {
                        throw new OversizedResponseException("the server announced a literal of " + literal
                                + " bytes, more than this client can hold (" + maxSegment + ")");
                    }
                    literalLeft = literal;
                    literalSize = literal;
                    if (literal == 0 && tracing && !suppressLine) {
                        appendRaw("<literal 0 bytes>");
                    }
                } else {
                    lineStart = true;
                }
            } else if (tracing && !suppressLine && x != '\r' && x != '\n') {
                appendByte(x);
            }
        }
    }

    /** @return the size announced by <code>{n}</code> just before the CRLF that ends the segment, or -1 */
    private long announcedLiteral() {
        // ring holds ... '{' digits ['+'|'-'] '}' '\r' '\n'
        long p = segmentBytes - 3;
        if (p < 0 || ring[(int) (p & 31)] != '}') {
            return -1;
        }
        p--;
        if (p >= 0 && (ring[(int) (p & 31)] == '+' || ring[(int) (p & 31)] == '-')) {
            p--;
        }
        long value = 0;
        long mult = 1;
        int digits = 0;
        while (p >= 0 && digits < 19) {
            byte d = ring[(int) (p & 31)];
            if (d < '0' || d > '9') {
                break;
            }
            value += (d - '0') * mult;
            mult *= 10;
            digits++;
            p--;
        }
        if (digits == 0 || p < 0 || ring[(int) (p & 31)] != '{') {
            return -1;
        }
        return value;
    }

    private void endSegment(boolean literalFollows, boolean tracing) {
        if (firstSegment) {
            classifyLine(tracing);
        }
        if (tracing && !suppressLine) {
            trace.emit((client ? "C: " : "S: ") + text);
        }
        text.setLength(0);
        textCut = false;
        segmentBytes = 0;
        firstSegment = false;
        suppressLine = suppressRest;
        if (!literalFollows) {
            firstSegment = true;
        }
    }

    /** Decides, at the end of the first segment of a logical line, whether it counts and how it is shown. */
    private void classifyLine(boolean tracing) {
        String start = new String(head, 0, headLen, java.nio.charset.StandardCharsets.ISO_8859_1);
        boolean sensitive = trace.sensitive();
        if (client) {
            boolean command;
            if (notCommands > 0) {
                notCommands--;
                command = false;
            } else if (sensitive) {
                command = authVerb(start) != null;
            } else {
                command = true;
            }
            if (command) {
                meter.command();
            }
            if (sensitive && tracing) {
                // Why: LOGIN carries the password and AUTHENTICATE the SASL initial response; the lines that
                // follow (SASL responses, literal continuations) carry secrets too.
                String[] verb = authVerb(start);
                text.setLength(0);
                text.append(verb == null ? "***" : String.join(" ", verb) + " ***");
                suppressRest = true;
            }
        } else if (sensitive && tracing && !start.isEmpty() && start.charAt(0) == '+') {
            text.setLength(0);
            text.append("+ ***");
        }
    }

    /** @return tag, verb and (for AUTHENTICATE) mechanism if the line is an authentication command, else null */
    private static String[] authVerb(String start) {
        String[] t = start.split(" ", 4);
        if (t.length < 2) {
            return null;
        }
        String verb = t[1].trim().toUpperCase(Locale.ROOT);
        if (verb.equals("LOGIN")) {
            return new String[] { t[0], "LOGIN" };
        }
        if (verb.equals("AUTHENTICATE")) {
            String mech = t.length > 2 ? t[2].trim() : "";
            return mech.matches("[A-Za-z0-9_-]{1,20}") ? new String[] { t[0], "AUTHENTICATE", mech }
                    : new String[] { t[0], "AUTHENTICATE" };
        }
        return null;
    }

    private void appendText(byte[] b, int off, int n) {
        for (int k = off; k < off + n; k++) {
            appendByte(b[k]);
        }
    }

    private void appendByte(byte x) {
        if (text.length() >= MAX_TRACE_LINE) {
            if (!textCut) {
                text.append("...");
                textCut = true;
            }
            return;
        }
        int c = x & 0xff;
        if (c == '\r') {
            text.append("\\r");
        } else if (c == '\n') {
            text.append("\\n");
        } else if (c < 0x20 || c == 0x7f) {
            text.append(String.format("\\x%02x", c));
        } else {
            // 8-bit bytes shown as Latin-1: the trace is for people, and UTF-8 sequences may be split.
            text.append((char) c);
        }
    }

    private void appendRaw(String s) {
        if (text.length() < MAX_TRACE_LINE) {
            text.append(s);
        }
    }
}
