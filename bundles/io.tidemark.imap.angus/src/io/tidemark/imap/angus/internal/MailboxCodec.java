/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import org.eclipse.angus.mail.imap.protocol.BASE64MailboxDecoder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;

import io.tidemark.model.MailboxName;

/**
 * Mailbox names on the wire: modified UTF-7 (RFC 3501 §5.1.3), by Angus's codec. This session never enables
 * UTF8=ACCEPT, so names are always encoded.
 */
final class MailboxCodec {

    private MailboxCodec() {
    }

    /** @return the name as sent to the server (ASCII) */
    static String encode(MailboxName name) {
        return name.isInbox() ? "INBOX" : BASE64MailboxEncoder.encode(name.value());
    }

    /** @return a LIST pattern as sent to the server; the wildcards {@code *} and {@code %} are ASCII */
    static String encodePattern(String pattern) {
        return pattern.equalsIgnoreCase("INBOX") ? "INBOX" : BASE64MailboxEncoder.encode(pattern);
    }

    /**
     * @param wire the name as the server sent it
     * @return the Unicode name, or null if it is empty
     */
    static MailboxName decode(String wire) {
        if (wire == null || wire.isEmpty()) {
            return null;
        }
        String s = wire.indexOf('&') >= 0 ? BASE64MailboxDecoder.decode(wire) : wire;
        try {
            return MailboxName.of(s);
        } catch (IllegalArgumentException e) {
            throw new ResponseFormatException("mailbox name not allowed: " + e.getMessage());
        }
    }
}
