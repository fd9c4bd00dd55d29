/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Decodes RFC 2047 encoded words ({@code =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=}) in ENVELOPE subjects and display
 * names.
 * <p>
 * Why not {@code MimeUtility.decodeText}: Jakarta Mail looks up its {@code StreamProvider} through the
 * ServiceLoader for every encoded word, which fails in OSGi unless SPI Fly or a thread context class loader
 * helps, and costs a service lookup per word. This decoder has no such dependency. It is lenient as mail
 * readers are: adjacent words of one charset are joined before decoding (multi-byte characters are often
 * split across words), whitespace between encoded words is dropped (RFC 2047 §6.2), and a word that cannot
 * be decoded is kept as written.
 */
final class EncodedWords {

    private EncodedWords() {
    }

    /** @return the decoded text; null stays null */
    static String decode(String text) {
        if (text == null || text.indexOf("=?") < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        int i = 0;
        int n = text.length();
        String gap = "";
        while (i < n) {
            Word w = Word.at(text, i);
            if (w == null) {
                int next = text.indexOf("=?", i + 1);
                int stop = next < 0 ? n : next;
                String plain = text.substring(i, stop);
                if (pendingCharset != null && plain.isBlank() && next >= 0 && Word.at(text, next) != null) {
                    gap = plain; // whitespace between two encoded words disappears
                } else {
                    flush(out, pending, pendingCharset);
                    pendingCharset = null;
                    out.append(gap).append(plain);
                    gap = "";
                }
                i = stop;
                continue;
            }
            if (pendingCharset != null && !pendingCharset.equals(w.charset)) {
                flush(out, pending, pendingCharset);
            }
            gap = "";
            pendingCharset = w.charset;
            pending.writeBytes(w.bytes);
            i = w.end;
        }
        flush(out, pending, pendingCharset);
        out.append(gap);
        return out.toString();
    }

    private static void flush(StringBuilder out, ByteArrayOutputStream pending, Charset cs) {
        if (cs != null && pending.size() > 0) {
            out.append(new String(pending.toByteArray(), cs));
        }
        pending.reset();
    }

    /** One decodable encoded word. */
    private record Word(Charset charset, byte[] bytes, int end) {

        static Word at(String s, int i) {
            if (!s.startsWith("=?", i)) {
                return null;
            }
            int q1 = s.indexOf('?', i + 2);
            if (q1 < 0 || q1 + 2 >= s.length() || s.charAt(q1 + 2) != '?') {
                return null;
            }
            int close = s.indexOf("?=", q1 + 3);
            if (close < 0) {
                return null;
            }
            String charsetName = s.substring(i + 2, q1);
            int star = charsetName.indexOf('*'); // RFC 2231 language suffix
            if (star >= 0) {
                charsetName = charsetName.substring(0, star);
            }
            char enc = Character.toUpperCase(s.charAt(q1 + 1));
            String payload = s.substring(q1 + 3, close);
            if (payload.indexOf(' ') >= 0) {
                return null;
            }
            Charset cs;
            try {
                cs = Charset.forName(charsetName.toLowerCase(Locale.ROOT).equals("utf8") ? "UTF-8" : charsetName);
            } catch (IllegalArgumentException e) {
                return null;
            }
            byte[] bytes;
            try {
                bytes = switch (enc) {
                    case 'B' -> Base64.getMimeDecoder().decode(payload);
                    case 'Q' -> qDecode(payload);
                    default -> null;
                };
            } catch (IllegalArgumentException e) {
                return null;
            }
            return bytes == null ? null : new Word(cs, bytes, close + 2);
        }

        private static byte[] qDecode(String p) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(p.length());
            byte[] b = p.getBytes(StandardCharsets.ISO_8859_1);
            for (int k = 0; k < b.length; k++) {
                if (b[k] == '_') {
                    out.write(' ');
                } else if (b[k] == '=' && k + 2 < b.length) {
                    int hi = Character.digit(b[k + 1], 16);
                    int lo = Character.digit(b[k + 2], 16);
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("bad Q escape");
                    }
                    out.write(hi * 16 + lo);
                    k += 2;
                } else if (b[k] == '=') {
                    throw new IllegalArgumentException("truncated Q escape");
                } else {
                    out.write(b[k]);
                }
            }
            return out.toByteArray();
        }
    }
}
