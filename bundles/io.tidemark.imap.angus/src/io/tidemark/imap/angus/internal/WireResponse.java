/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;

/**
 * An Angus response with access to its raw bytes, so that this bundle's parsers can read what Angus does
 * not decode (VANISHED, ESEARCH, response codes, LIST-STATUS) with bounds-checked {@link Lexer}s.
 */
final class WireResponse extends IMAPResponse {

    WireResponse(IMAPResponse r) {
        super(r);
    }

    /** @return a response parsed from text, for tests */
    static WireResponse of(String line) {
        try {
            return new WireResponse(new IMAPResponse(line, true));
        } catch (IOException | ProtocolException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @return a lexer positioned where Angus stopped (after the tag/{@code *}, the status word or the key) */
    Lexer lexer() {
        return new Lexer(buffer, index, size);
    }

    /** @return a copy of the response's bytes, literals included, without the final CRLF */
    byte[] rawCopy() {
        return java.util.Arrays.copyOf(buffer, size);
    }

    /** @return the whole response as text, shortened and made printable for an error message */
    String shown() {
        return shown(buffer, size);
    }

    /** @return the text after the tag and status word (response code included), shortened and printable */
    String shownRest() {
        int from = Math.min(index, size);
        while (from < size && buffer[from] == ' ') {
            from++;
        }
        return printable(new String(buffer, from, Math.min(size - from, 200), StandardCharsets.UTF_8),
                size - from > 200);
    }

    static String shown(byte[] buffer, int size) {
        int n = Math.min(size, 200);
        return printable(new String(buffer, 0, n, StandardCharsets.UTF_8), size > n);
    }

    private static String printable(String s, boolean cut) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x20 || c == 0x7f) {
                sb.append('?');
            } else {
                sb.append(c);
            }
        }
        if (cut) {
            sb.append("...");
        }
        return sb.toString();
    }
}
