/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.time.Instant;
import java.util.List;

/**
 * The IMAP ENVELOPE of a message (RFC 3501 §7.4.2), decoded.
 *
 * @param date the Date header, or null if absent or unparseable
 * @param subject the decoded subject, or null
 * @param from From addresses
 * @param sender Sender addresses
 * @param replyTo Reply-To addresses
 * @param to To addresses
 * @param cc Cc addresses
 * @param bcc Bcc addresses
 * @param inReplyTo the In-Reply-To header, or null
 * @param messageId the Message-ID header including angle brackets, or null
 * @since 0.1
 */
public record Envelope(Instant date, String subject, List<Address> from, List<Address> sender,
        List<Address> replyTo, List<Address> to, List<Address> cc, List<Address> bcc, String inReplyTo,
        String messageId) {

    /** An envelope with no data. */
    public static final Envelope EMPTY = new Envelope(null, null, List.of(), List.of(), List.of(), List.of(),
            List.of(), List.of(), null, null);

    /** Copies the lists; a null list becomes empty. */
    public Envelope {
        from = copy(from);
        sender = copy(sender);
        replyTo = copy(replyTo);
        to = copy(to);
        cc = copy(cc);
        bcc = copy(bcc);
    }

    private static List<Address> copy(List<Address> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** @return the first From address, or null */
    public Address firstFrom() {
        return from.isEmpty() ? null : from.get(0);
    }
}
