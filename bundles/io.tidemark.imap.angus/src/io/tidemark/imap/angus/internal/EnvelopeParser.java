/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import jakarta.mail.internet.MailDateFormat;

import io.tidemark.model.Address;
import io.tidemark.model.Envelope;

/**
 * Reads an ENVELOPE (RFC 3501 §7.4.2) from the raw response: {@code (date subject from sender reply-to to
 * cc bcc in-reply-to message-id)}, addresses as {@code (name adl mailbox host)}. Group syntax (RFC 5322
 * §3.4) is flattened to its members. Subjects and display names are RFC 2047-decoded by
 * {@link EncodedWords}; the date is read leniently by Jakarta Mail's {@link MailDateFormat} (null if
 * unreadable).
 */
final class EnvelopeParser {

    private static final ThreadLocal<MailDateFormat> DATES = ThreadLocal.withInitial(MailDateFormat::new);

    private EnvelopeParser() {
    }

    /** @param lx positioned at the envelope's opening parenthesis */
    static Envelope parse(Lexer lx) {
        lx.expect('(');
        Instant date = date(lx.nstring());
        String subject = EncodedWords.decode(lx.nstring());
        List<Address> from = addresses(lx);
        List<Address> sender = addresses(lx);
        List<Address> replyTo = addresses(lx);
        List<Address> to = addresses(lx);
        List<Address> cc = addresses(lx);
        List<Address> bcc = addresses(lx);
        String inReplyTo = lx.nstring();
        String messageId = lx.nstring();
        lx.expect(')');
        return new Envelope(date, subject, from, sender, replyTo, to, cc, bcc, trimToNull(inReplyTo),
                trimToNull(messageId));
    }

    private static String trimToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    static Instant date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            Date d = DATES.get().parse(text.trim(), new ParsePosition(0));
            return d == null ? null : d.toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<Address> addresses(Lexer lx) {
        List<Address> out = new ArrayList<>();
        if (lx.acceptWord("NIL")) {
            return out;
        }
        lx.expect('(');
        while (!lx.accept(')')) {
            if (lx.atEnd()) {
                throw lx.error("unterminated address list");
            }
            lx.expect('(');
            String name = lx.nstring();
            lx.nstring(); // at-domain-list (source route): obsolete
            String mailbox = lx.nstring();
            String host = lx.nstring();
            lx.expect(')');
            if (host == null) {
                continue; // group start (mailbox = group name) or group end (mailbox NIL)
            }
            String email = mailbox == null || mailbox.isEmpty() ? host
                    : host.isEmpty() ? mailbox : mailbox + "@" + host;
            String display = EncodedWords.decode(name);
            out.add(new Address(display == null || display.isBlank() ? null : display, email));
        }
        return out;
    }
}
