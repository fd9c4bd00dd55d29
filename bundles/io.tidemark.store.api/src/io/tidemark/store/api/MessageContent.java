/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

/**
 * What the replica holds of a message's content, per the account's body policy.
 * <p>
 * The arrays are not copied; callers must not modify them after handing them over.
 *
 * @param bodyStructure the raw IMAP BODYSTRUCTURE, or null
 * @param header the raw header block, or null
 * @param body the raw full message (RFC 5322), or null if only headers are kept
 * @since 0.1
 */
public record MessageContent(String bodyStructure, byte[] header, byte[] body) {

    /** @return whether the full message is held */
    public boolean hasBody() {
        return body != null;
    }
}
