/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.util.Locale;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxStatus;

/**
 * A STATUS response, from STATUS or from LIST-STATUS (RFC 5819): {@code * STATUS "Sent" (MESSAGES 3
 * UIDNEXT 4 UIDVALIDITY 1 UNSEEN 0 HIGHESTMODSEQ 7)}.
 *
 * @param name the mailbox name
 * @param status the counters; unreported ones are {@link MailboxStatus#UNKNOWN}, a missing HIGHESTMODSEQ
 *            is 0
 */
record StatusEntry(MailboxName name, MailboxStatus status) {

    /** @param lx positioned after the word STATUS */
    static StatusEntry parse(Lexer lx) {
        MailboxName name = MailboxCodec.decode(lx.astring());
        if (name == null) {
            throw lx.error("STATUS without a mailbox name");
        }
        long messages = MailboxStatus.UNKNOWN;
        long uidNext = MailboxStatus.UNKNOWN;
        long uidValidity = MailboxStatus.UNKNOWN;
        long highestModSeq = 0;
        long unseen = MailboxStatus.UNKNOWN;
        lx.expect('(');
        while (!lx.accept(')')) {
            if (lx.atEnd()) {
                throw lx.error("unterminated STATUS list");
            }
            String item = lx.atom().toUpperCase(Locale.ROOT);
            switch (item) {
                case "MESSAGES" -> messages = lx.number();
                case "UIDNEXT" -> uidNext = lx.number();
                case "UIDVALIDITY" -> uidValidity = lx.number();
                case "HIGHESTMODSEQ" -> highestModSeq = lx.number();
                case "UNSEEN" -> unseen = lx.number();
                default -> lx.skipValue(); // RECENT, SIZE, DELETED, APPENDLIMIT, ...
            }
        }
        return new StatusEntry(name, new MailboxStatus(messages, uidNext, uidValidity, highestModSeq, unseen));
    }
}
