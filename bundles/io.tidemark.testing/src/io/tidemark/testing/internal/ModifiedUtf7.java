/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * IMAP's modified UTF-7 for mailbox names (RFC 3501 §5.1.3): printable ASCII stands for itself except
 * {@code &}, which becomes {@code &-}; anything else is UTF-16BE in base64 with {@code ,} for {@code /},
 * without padding, between {@code &} and {@code -}. Dovecot's Maildir++ layout stores folder names on disk
 * in the same encoding.
 */
public final class ModifiedUtf7 {

    private ModifiedUtf7() {
    }

    /**
     * @param name a mailbox name
     * @return the name as sent on the wire
     */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
            } else {
                int j = i;
                while (j < name.length() && (name.charAt(j) < 0x20 || name.charAt(j) > 0x7e)) {
                    j++;
                }
                byte[] utf16 = name.substring(i, j).getBytes(StandardCharsets.UTF_16BE);
                String b64 = Base64.getEncoder().withoutPadding().encodeToString(utf16).replace('/', ',');
                out.append('&').append(b64).append('-');
                i = j;
            }
        }
        return out.toString();
    }

    /**
     * @param wire a mailbox name as the server sent it
     * @return the decoded name; malformed shifts are kept as they are
     */
    public static String decode(String wire) {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            int end = c == '&' ? wire.indexOf('-', i + 1) : -1;
            if (end < 0) {
                out.append(c);
                i++;
            } else if (end == i + 1) {
                out.append('&');
                i = end + 1;
            } else {
                try {
                    byte[] utf16 = Base64.getDecoder().decode(wire.substring(i + 1, end).replace(',', '/'));
                    out.append(new String(utf16, StandardCharsets.UTF_16BE));
                } catch (IllegalArgumentException e) {
                    out.append(wire, i, end + 1);
                }
                i = end + 1;
            }
        }
        return out.toString();
    }
}
