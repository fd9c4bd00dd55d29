/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.tidemark.model.UidSet;

/**
 * Reads the tokens of one IMAP response (RFC 3501 §9 / RFC 9051 §9 formal syntax) from the raw bytes Angus
 * has read, literals included. Every read checks its bounds: malformed input gives a
 * {@link ResponseFormatException}, never an index error or a loop.
 * <p>
 * Strings are decoded as UTF-8 (invalid sequences become U+FFFD): 8-bit text in quoted strings and literals is
 * UTF-8 in practice, and mailbox names are ASCII (modified UTF-7) unless UTF8=ACCEPT is on.
 * <p>
 * Not thread-safe.
 */
final class Lexer {

    private final byte[] buf;
    private final int end;
    private int pos;

    /**
     * @param buf the response bytes
     * @param pos where to start reading
     * @param end the end of the response (exclusive, before CRLF)
     */
    Lexer(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = Math.min(end, buf.length);
    }

    /** @return a lexer over a string, for tests and built responses */
    static Lexer of(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return new Lexer(b, 0, b.length);
    }

    /** Skips spaces. */
    void sp() {
        while (pos < end && buf[pos] == ' ') {
            pos++;
        }
    }

    /** @return whether only spaces are left */
    boolean atEnd() {
        sp();
        return pos >= end;
    }

    /** @return the next byte after spaces, or 0 at the end */
    int peek() {
        sp();
        return pos < end ? buf[pos] & 0xff : 0;
    }

    /** @return whether the next non-space byte is {@code c}; consumes it if so */
    boolean accept(char c) {
        sp();
        if (pos < end && buf[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Consumes {@code c} after optional spaces, or fails. */
    void expect(char c) {
        if (!accept(c)) {
            throw error("expected '" + c + "'");
        }
    }

    /** @return whether the next token is the atom {@code word} (case-insensitive); consumes it if so */
    boolean acceptWord(String word) {
        sp();
        int n = word.length();
        if (pos + n > end) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (Character.toUpperCase((char) (buf[pos + i] & 0xff)) != Character.toUpperCase(word.charAt(i))) {
                return false;
            }
        }
        if (pos + n < end && isAtomChar(buf[pos + n] & 0xff, false)) {
            return false;
        }
        pos += n;
        return true;
    }

    private static boolean isAtomChar(int c, boolean astring) {
        if (c <= 0x20 || c == 0x7f) {
            return false;
        }
        return switch (c) {
            case '(', ')', '{', '"' -> false;
            // '[' and ']' may appear in mailbox names (astring) but end atoms such as response-code names
            case '[', ']' -> astring;
            // 8-bit bytes appear in atoms of sloppy servers; they stay part of the token
            default -> true;
        };
    }

    /** @return an atom (also {@code \Flag}, numbers, {@code NIL}); fails if there is none */
    String atom() {
        sp();
        int start = pos;
        while (pos < end && isAtomChar(buf[pos] & 0xff, false)) {
            pos++;
        }
        if (pos == start) {
            throw error("expected an atom");
        }
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    /** @return an unsigned number (up to 63 bits) */
    long number() {
        sp();
        int start = pos;
        long v = 0;
        while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
            if (pos - start >= 18) {
                throw error("number too large");
            }
            v = v * 10 + (buf[pos] - '0');
            pos++;
        }
        if (pos == start) {
            throw error("expected a number");
        }
        return v;
    }

    /**
     * @return a set of numbers the server reports ({@code 1:5,7}); a {@code *} is refused, since a server
     *         reporting UIDs or sequence numbers names them (an open end would stand for messages that were
     *         never there)
     */
    UidSet sequenceSet() {
        sp();
        int start = pos;
        while (pos < end && ((buf[pos] >= '0' && buf[pos] <= '9') || buf[pos] == ':' || buf[pos] == ',')) {
            pos++;
        }
        if (pos < end && buf[pos] == '*') {
            throw error("'*' in a reported set");
        }
        if (pos == start) {
            throw error("expected a sequence set");
        }
        try {
            return UidSet.parse(new String(buf, start, pos - start, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            pos = start;
            throw error("malformed sequence set");
        }
    }

    /** @return an astring: atom (with {@code ]}), quoted string or literal */
    String astring() {
        int c = peek();
        if (c == '"' || c == '{') {
            return new String(stringBytes(), StandardCharsets.UTF_8);
        }
        int start = pos;
        while (pos < end && isAtomChar(buf[pos] & 0xff, true)) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a string");
        }
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    /** @return an nstring: NIL as null, else the quoted string or literal */
    String nstring() {
        byte[] b = nstringBytes();
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    /** @return an nstring's bytes, NIL as null */
    byte[] nstringBytes() {
        int c = peek();
        if (c == '"' || c == '{') {
            return stringBytes();
        }
        if (acceptWord("NIL")) {
            return null;
        }
        throw error("expected a string or NIL");
    }

    /** Reads a quoted string (with {@code \\} and {@code \"} escapes) or a literal. */
    private byte[] stringBytes() {
        sp();
        if (pos < end && buf[pos] == '"') {
            pos++;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(32);
            while (pos < end && buf[pos] != '"') {
                if (buf[pos] == '\\') {
                    pos++;
                    if (pos >= end) {
                        break;
                    }
                }
                out.write(buf[pos++]);
            }
            if (pos >= end) {
                throw error("unterminated quoted string");
            }
            pos++;
            return out.toByteArray();
        }
        if (pos < end && buf[pos] == '{') {
            int start = ++pos;
            while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
                pos++;
            }
            if (pos == start || pos - start > 10) {
                throw error("malformed literal");
            }
            long n = Long.parseLong(new String(buf, start, pos - start, StandardCharsets.US_ASCII));
            if (pos < end && (buf[pos] == '+' || buf[pos] == '-')) {
                pos++;
            }
            if (pos + 3 > end || buf[pos] != '}' || buf[pos + 1] != '\r' || buf[pos + 2] != '\n') {
                throw error("malformed literal");
            }
            pos += 3;
            if (n > end - pos) {
                throw error("literal runs past the end of the response");
            }
            byte[] out = new byte[(int) n];
            System.arraycopy(buf, pos, out, 0, (int) n);
            pos += (int) n;
            return out;
        }
        throw error("expected a string");
    }

    /** @return the atoms of a parenthesized list, e.g. flags; {@code NIL} reads as empty */
    List<String> atomList() {
        List<String> out = new ArrayList<>();
        if (acceptWord("NIL")) {
            return out;
        }
        expect('(');
        while (!accept(')')) {
            if (pos >= end) {
                throw error("unterminated list");
            }
            out.add(atom());
        }
        return out;
    }

    /**
     * Skips one value of any kind (atom, number, string, literal, NIL, nested list) and returns its raw
     * bytes as text.
     */
    String rawValue() {
        sp();
        int start = pos;
        skipValue();
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    /** Skips one value of any kind. */
    void skipValue() {
        int c = peek();
        if (c == '(') {
            pos++;
            while (!accept(')')) {
                if (pos >= end) {
                    throw error("unterminated list");
                }
                skipValue();
            }
        } else if (c == '"' || c == '{') {
            stringBytes();
        } else if (c == 0) {
            throw error("expected a value");
        } else {
            int start = pos;
            while (pos < end && buf[pos] != ' ' && buf[pos] != '(' && buf[pos] != ')') {
                if (buf[pos] == '[') {
                    skipBracket();
                } else {
                    pos++;
                }
            }
            if (pos == start) {
                throw error("expected a value");
            }
        }
    }

    /**
     * Reads a FETCH item name: an atom with an optional {@code [section]} (which may hold spaces, lists and
     * strings) and an optional {@code <origin>}, e.g. {@code BODY[HEADER.FIELDS (SUBJECT)]<0>}.
     */
    String fetchItemName() {
        sp();
        int start = pos;
        while (pos < end && isAtomChar(buf[pos] & 0xff, false)) {
            pos++;
        }
        if (pos < end && buf[pos] == '[') {
            skipBracket();
        }
        if (pos < end && buf[pos] == '<') {
            while (pos < end && buf[pos] != '>') {
                pos++;
            }
            if (pos >= end) {
                throw error("unterminated <origin>");
            }
            pos++;
        }
        if (pos == start) {
            throw error("expected a FETCH item name");
        }
        return new String(buf, start, pos - start, StandardCharsets.UTF_8);
    }

    private void skipBracket() {
        // at '['
        pos++;
        while (pos < end && buf[pos] != ']') {
            if (buf[pos] == '"' || buf[pos] == '{') {
                stringBytes();
            } else {
                pos++;
            }
        }
        if (pos >= end) {
            throw error("unterminated '['");
        }
        pos++;
    }

    /** @return the rest of the response as text */
    String rest() {
        sp();
        String s = new String(buf, pos, Math.max(0, end - pos), StandardCharsets.UTF_8);
        pos = end;
        return s;
    }

    /** @return an error naming the position */
    ResponseFormatException error(String what) {
        return new ResponseFormatException(what + " at offset " + pos);
    }
}
