/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.util.List;

import io.tidemark.model.MailboxName;
import io.tidemark.model.MailboxStatus;

/**
 * What a SELECT or EXAMINE reported.
 *
 * @param mailbox the selected mailbox
 * @param uidValidity UIDVALIDITY
 * @param uidNext UIDNEXT, or -1 if the server sent none (then the caller must derive it)
 * @param exists EXISTS at the end of the command
 * @param highestModSeq HIGHESTMODSEQ, or 0 if the server sent none or NOMODSEQ
 * @param noModSeq whether the server said NOMODSEQ (the mailbox keeps no mod-sequences)
 * @param flags the FLAGS the mailbox defines
 * @param permanentFlags the PERMANENTFLAGS ({@code \*} means new keywords may be created)
 * @param readOnly whether the mailbox is read-only (EXAMINE, or {@code [READ-ONLY]})
 * @since 0.1
 */
public record SelectResult(MailboxName mailbox, long uidValidity, long uidNext, long exists, long highestModSeq,
        boolean noModSeq, List<String> flags, List<String> permanentFlags, boolean readOnly) {

    /** Copies the lists. */
    public SelectResult {
        flags = flags == null ? List.of() : List.copyOf(flags);
        permanentFlags = permanentFlags == null ? List.of() : List.copyOf(permanentFlags);
    }

    /** @return the counters as a {@link MailboxStatus} (UNSEEN unknown) */
    public MailboxStatus toStatus() {
        return new MailboxStatus(exists, uidNext, uidValidity, highestModSeq, MailboxStatus.UNKNOWN);
    }

    /** @return whether the mailbox accepts new keywords ({@code \*} in PERMANENTFLAGS) */
    public boolean keywordsAllowed() {
        return permanentFlags.contains("\\*");
    }
}
