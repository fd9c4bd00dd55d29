/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.store.api.MessageRecord;

/**
 * What makes two copies of a message the same message across mailboxes and UIDVALIDITY epochs: the server's
 * EMAILID where OBJECTID is offered (RFC 8474: it survives MOVE), else Message-ID together with RFC822.SIZE
 * and INTERNALDATE (a Message-ID alone is not unique enough: resent and bounced copies share it).
 *
 * @param emailId the EMAILID, or null
 * @param messageId the Message-ID, or null
 * @param size RFC822.SIZE
 * @param internalDate INTERNALDATE, or null
 */
record MessageIdentity(String emailId, String messageId, long size, Instant internalDate) {

    /** @return the identity of a fetched message */
    static MessageIdentity of(FetchedMessage m) {
        return new MessageIdentity(m.emailId(), m.messageId(), m.size(), m.internalDate());
    }

    /** @return the identity of a stored message */
    static MessageIdentity of(MessageRecord r) {
        return new MessageIdentity(r.emailId(), r.messageId(), r.size(), r.internalDate());
    }

    /** @return whether there is anything to match on */
    boolean usable(boolean byEmailId) {
        return byEmailId ? emailId != null : messageId != null && !messageId.isBlank() && size >= 0;
    }

    /**
     * @param other another identity
     * @param byEmailId whether to compare EMAILIDs (OBJECTID) rather than Message-ID, size and date
     * @return whether both name the same message
     */
    boolean matches(MessageIdentity other, boolean byEmailId) {
        if (byEmailId) {
            return emailId != null && emailId.equals(other.emailId);
        }
        return usable(false) && messageId.equals(other.messageId) && size == other.size
                && Objects.equals(truncate(internalDate), truncate(other.internalDate));
    }

    /** @return a 64-bit key for the identity index; equal identities give equal keys */
    long key(boolean byEmailId) {
        String text = byEmailId ? "E" + emailId
                : "M" + messageId + '\0' + size + '\0' + (internalDate == null ? "" : truncate(internalDate));
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        long h = 0xcbf29ce484222325L; // FNV-1a
        for (byte x : b) {
            h ^= x & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** INTERNALDATE has one-second resolution on the wire; compare at that resolution. */
    private static Long truncate(Instant i) {
        return i == null ? null : i.getEpochSecond();
    }
}
