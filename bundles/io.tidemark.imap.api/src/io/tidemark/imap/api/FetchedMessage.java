/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.time.Instant;

import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;

/**
 * One FETCH response, decoded. Items that were not asked for, or that the server did not send, are null
 * (objects) or {@code -1} (numbers).
 * <p>
 * The byte arrays are handed over, not copied: the receiver owns them and the transport keeps no reference.
 *
 * @param seq the message sequence number
 * @param uid the UID, or {@code -1} in an unsolicited FETCH that carried none
 * @param flags FLAGS
 * @param modSeq MODSEQ
 * @param size RFC822.SIZE
 * @param internalDate INTERNALDATE
 * @param envelope ENVELOPE
 * @param bodyStructure BODYSTRUCTURE as raw IMAP text
 * @param emailId EMAILID (OBJECTID)
 * @param threadId THREADID (OBJECTID), or null also for NIL
 * @param headerFields the requested header fields, raw bytes ending with the empty line
 * @param header the whole header block, raw bytes
 * @param body the whole message, raw bytes
 * @since 0.1
 */
public record FetchedMessage(long seq, long uid, Flags flags, long modSeq, long size, Instant internalDate,
        Envelope envelope, String bodyStructure, String emailId, String threadId, byte[] headerFields,
        byte[] header, byte[] body) {

    /** @return the Message-ID from the envelope, or null */
    public String messageId() {
        return envelope == null ? null : envelope.messageId();
    }

    @Override
    public String toString() {
        return "FetchedMessage[seq=" + seq + ", uid=" + uid + ", flags=" + flags + ", modSeq=" + modSeq
                + ", size=" + size + "]";
    }
}
