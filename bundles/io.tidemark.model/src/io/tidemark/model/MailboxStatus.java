/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

/**
 * A mailbox's counters as the server reports them in STATUS, LIST-STATUS or SELECT. A value the server
 * did not report is {@link #UNKNOWN}.
 *
 * @param messages MESSAGES / EXISTS
 * @param uidNext UIDNEXT
 * @param uidValidity UIDVALIDITY
 * @param highestModSeq HIGHESTMODSEQ; {@code 0} means the mailbox has no mod-sequences (NOMODSEQ)
 * @param unseen UNSEEN (a count, as STATUS gives it)
 * @since 0.1
 */
public record MailboxStatus(long messages, long uidNext, long uidValidity, long highestModSeq, long unseen) {

    /** The value of a counter the server did not report. */
    public static final long UNKNOWN = -1;

    /** @return whether {@code uidNext} is known */
    public boolean hasUidNext() {
        return uidNext != UNKNOWN;
    }

    /** @return whether the server reported a HIGHESTMODSEQ above zero */
    public boolean hasModSeq() {
        return highestModSeq > 0;
    }
}
