/* SPDX-License-Identifier: EPL-2.0 */
package io.tidemark.store.memory.internal;

import java.time.Instant;
import java.util.Arrays;

import io.tidemark.model.Flags;
import io.tidemark.model.SystemFlag;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;

/**
 * One message as the memory store keeps it: numbers in fields, the text packed by {@link MessageCodec}, the
 * flags shared with every other message that has the same ones, and the content if any. About 64 bytes
 * plus the packed text; a {@link MessageRecord} is built only when a caller reads the message.
 * <p>
 * Immutable.
 */
final class StoredMessage {

    /** Marks {@link #dateNanos} of a message without INTERNALDATE. */
    private static final int NO_DATE = -1;

    final long uid;
    final Flags flags;
    final long modSeq;
    final long size;
    private final long dateSeconds;
    private final int dateNanos;
    final boolean hidden;
    final byte[] text;
    final MessageContent content;

    private StoredMessage(long uid, Flags flags, long modSeq, long size, long dateSeconds, int dateNanos,
            boolean hidden, byte[] text, MessageContent content) {
        this.uid = uid;
        this.flags = flags;
        this.modSeq = modSeq;
        this.size = size;
        this.dateSeconds = dateSeconds;
        this.dateNanos = dateNanos;
        this.hidden = hidden;
        this.text = text;
        this.content = content;
    }

    /**
     * @param record the message
     * @param sharedFlags {@code record.flags()} or an equal, shared instance
     * @param content the content to keep with it, or null
     */
    static StoredMessage of(MessageRecord record, Flags sharedFlags, MessageContent content) {
        Instant d = record.internalDate();
        return new StoredMessage(record.uid(), sharedFlags, record.modSeq(), record.size(),
                d == null ? 0 : d.getEpochSecond(), d == null ? NO_DATE : d.getNano(), record.hidden(),
                MessageCodec.encode(record), content);
    }

    /** @return the message as the API shows it */
    MessageRecord toRecord() {
        return new MessageRecord(uid, flags, modSeq, size, internalDate(), MessageCodec.messageId(text),
                MessageCodec.emailId(text), MessageCodec.envelope(text), hidden);
    }

    /** @return INTERNALDATE, or null */
    Instant internalDate() {
        return dateNanos == NO_DATE ? null : Instant.ofEpochSecond(dateSeconds, dateNanos);
    }

    /** @return the date {@link io.tidemark.store.api.MessageOrder} sorts by: INTERNALDATE, else the envelope's */
    Instant sortDate() {
        return dateNanos == NO_DATE ? MessageCodec.envelopeDate(text) : internalDate();
    }

    /** @return whether the message counts as unseen in {@link io.tidemark.store.api.MailboxCounts} */
    boolean unseen() {
        return !flags.has(SystemFlag.SEEN);
    }

    StoredMessage withFlags(Flags sharedFlags, long newModSeq) {
        return new StoredMessage(uid, sharedFlags, newModSeq, size, dateSeconds, dateNanos, hidden, text, content);
    }

    StoredMessage withHidden(boolean h) {
        return h == hidden ? this
                : new StoredMessage(uid, flags, modSeq, size, dateSeconds, dateNanos, h, text, content);
    }

    StoredMessage withContent(MessageContent c) {
        return new StoredMessage(uid, flags, modSeq, size, dateSeconds, dateNanos, hidden, text, c);
    }

    StoredMessage withUid(long newUid) {
        return new StoredMessage(newUid, flags, modSeq, size, dateSeconds, dateNanos, hidden, text, content);
    }

    /** @return whether {@code other} holds the same message data, content compared by identity */
    boolean sameAs(StoredMessage other) {
        return uid == other.uid && flags.equals(other.flags) && modSeq == other.modSeq && size == other.size
                && dateSeconds == other.dateSeconds && dateNanos == other.dateNanos && hidden == other.hidden
                && content == other.content && Arrays.equals(text, other.text);
    }
}
