/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * The little of RFC 5322 header parsing the engine needs for messages the user appends: find a field's
 * unfolded value, and add a Message-ID when a message has none (so that an APPEND can be recognized on the
 * server and is never applied twice).
 */
final class MessageHeaders {

    private MessageHeaders() {
    }

    /**
     * @param name a field name, case-insensitive
     * @return the first field's value, unfolded and trimmed, or null
     */
    static String field(byte[] message, String name) {
        return fieldOfHeader(Records.headerOf(message), name);
    }

    /** As {@link #field}, for a header block alone (e.g. {@code BODY[HEADER.FIELDS (...)]}). */
    static String fieldOfHeader(byte[] header, String name) {
        String[] lines = new String(header, StandardCharsets.ISO_8859_1).split("\r?\n");
        String prefix = name.toLowerCase(Locale.ROOT) + ":";
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].toLowerCase(Locale.ROOT).startsWith(prefix)) {
                StringBuilder v = new StringBuilder(lines[i].substring(prefix.length()));
                while (i + 1 < lines.length && !lines[i + 1].isEmpty()
                        && (lines[i + 1].charAt(0) == ' ' || lines[i + 1].charAt(0) == '\t')) {
                    v.append(' ').append(lines[++i].trim());
                }
                return v.toString().trim();
            }
        }
        return null;
    }

    /** @return the message itself if it has a Message-ID, else a copy with a new one prepended */
    static byte[] ensureMessageId(byte[] message, String domain) {
        String id = field(message, "Message-ID");
        if (id != null && !id.isBlank()) {
            return message;
        }
        byte[] line = ("Message-ID: <" + UUID.randomUUID() + "@" + domain + ">\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[line.length + message.length];
        System.arraycopy(line, 0, out, 0, line.length);
        System.arraycopy(message, 0, out, line.length, message.length);
        return out;
    }
}
