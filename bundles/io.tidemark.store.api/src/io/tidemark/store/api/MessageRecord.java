/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.time.Instant;
import java.util.Objects;

import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;

/**
 * One message of a replica, without its content (see {@link MessageContent}).
 *
 * @param uid the UID in the mailbox's current UIDVALIDITY epoch
 * @param flags the flags as the user sees them: the server's, with the user's pending changes applied
 * @param modSeq the MODSEQ last seen, or 0
 * @param size RFC822.SIZE
 * @param internalDate INTERNALDATE, or null
 * @param messageId the Message-ID header, or null
 * @param emailId the server's EMAILID (OBJECTID), or null
 * @param envelope the envelope
 * @param hidden whether the user deleted or moved the message locally and the server has not yet
 *            acknowledged it; hidden messages are left out of {@link MailStore#page} and
 *            {@link MailStore#counts}
 * @since 0.1
 */
public record MessageRecord(long uid, Flags flags, long modSeq, long size, Instant internalDate, String messageId,
        String emailId, Envelope envelope, boolean hidden) {

    /** Validates. */
    public MessageRecord {
        if (uid < 1 || uid > io.tidemark.model.UidSet.MAX_UID) {
            throw new IllegalArgumentException("UID out of range: " + uid);
        }
        Objects.requireNonNull(flags, "flags");
        envelope = envelope == null ? Envelope.EMPTY : envelope;
    }

    /** @return a copy with other flags and MODSEQ */
    public MessageRecord withFlags(Flags newFlags, long newModSeq) {
        return new MessageRecord(uid, newFlags, newModSeq, size, internalDate, messageId, emailId, envelope, hidden);
    }

    /** @return a copy under another UID (a relink) */
    public MessageRecord withUid(long newUid) {
        return new MessageRecord(newUid, flags, modSeq, size, internalDate, messageId, emailId, envelope, hidden);
    }

    /** @return a copy with the hidden mark set or cleared */
    public MessageRecord withHidden(boolean h) {
        return new MessageRecord(uid, flags, modSeq, size, internalDate, messageId, emailId, envelope, h);
    }
}
