/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.sync.core.internal;

import java.util.EnumSet;
import java.util.Set;

import io.tidemark.imap.api.FetchItem;
import io.tidemark.imap.api.FetchSpec;
import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.model.BodyPolicy;
import io.tidemark.model.Envelope;
import io.tidemark.model.Flags;
import io.tidemark.store.api.MessageContent;
import io.tidemark.store.api.MessageRecord;

/** Turns FETCH responses into store records, and says what to fetch for a body policy. */
final class Records {

    private Records() {
    }

    /** @return the metadata items every new message needs, plus EMAILID where OBJECTID is offered */
    static FetchSpec metadataSpec(boolean objectId) {
        EnumSet<FetchItem> items = EnumSet.of(FetchItem.FLAGS, FetchItem.MODSEQ, FetchItem.SIZE,
                FetchItem.INTERNALDATE, FetchItem.ENVELOPE);
        if (objectId) {
            items.add(FetchItem.EMAILID);
        }
        return new FetchSpec(items, java.util.List.of(), 0, false);
    }

    /**
     * @param withBody whether the whole message is downloaded (else headers and structure)
     * @return the content items of the body policy
     */
    static Set<FetchItem> contentItems(boolean withBody) {
        return withBody ? EnumSet.of(FetchItem.BODYSTRUCTURE, FetchItem.BODY)
                : EnumSet.of(FetchItem.BODYSTRUCTURE, FetchItem.HEADER);
    }

    /** @return metadata and content in one spec */
    static FetchSpec combined(boolean objectId, boolean withBody) {
        EnumSet<FetchItem> items = EnumSet.copyOf(metadataSpec(objectId).items());
        items.addAll(contentItems(withBody));
        return new FetchSpec(items, java.util.List.of(), 0, false);
    }

    /** @return content only */
    static FetchSpec contentSpec(boolean withBody) {
        return new FetchSpec(contentItems(withBody), java.util.List.of(), 0, false);
    }

    /** @return whether the policy downloads any full body */
    static boolean anyBody(BodyPolicy policy) {
        return policy.mode() != BodyPolicy.Mode.HEADERS;
    }

    /**
     * @param m a FETCH response with at least the metadata items
     * @param flags the flags the user should see (server flags with pending local changes applied)
     * @return the record
     */
    static MessageRecord record(FetchedMessage m, Flags flags) {
        Envelope env = m.envelope() == null ? Envelope.EMPTY : m.envelope();
        return new MessageRecord(m.uid(), flags, Math.max(0, m.modSeq()), Math.max(0, m.size()), m.internalDate(),
                env.messageId(), m.emailId(), env, false);
    }

    /** @return the content carried by a FETCH response, or null if it carried none */
    static MessageContent content(FetchedMessage m) {
        if (m.bodyStructure() == null && m.header() == null && m.body() == null) {
            return null;
        }
        byte[] header = m.header();
        if (header == null && m.body() != null) {
            header = headerOf(m.body());
        }
        return new MessageContent(m.bodyStructure(), header, m.body());
    }

    /** @return the header block of a raw message: everything up to and including the first empty line */
    static byte[] headerOf(byte[] message) {
        for (int i = 0; i + 3 < message.length; i++) {
            if (message[i] == '\r' && message[i + 1] == '\n' && message[i + 2] == '\r' && message[i + 3] == '\n') {
                return java.util.Arrays.copyOf(message, i + 4);
            }
        }
        for (int i = 0; i + 1 < message.length; i++) {
            if (message[i] == '\n' && message[i + 1] == '\n') {
                return java.util.Arrays.copyOf(message, i + 2);
            }
        }
        return message.clone();
    }
}
