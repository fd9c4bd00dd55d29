/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import io.tidemark.model.UidSet;

/**
 * The outcome of a UID STORE.
 *
 * @param modified the UIDs the server did not change because their MODSEQ was above UNCHANGEDSINCE
 *            ({@code [MODIFIED set]}, RFC 7162 §3.1.3); empty without UNCHANGEDSINCE
 * @since 0.1
 */
public record StoreResult(UidSet modified) {

    /** Every message was stored. */
    public static final StoreResult ALL_STORED = new StoreResult(UidSet.empty());

    /** Replaces null with the empty set. */
    public StoreResult {
        modified = modified == null ? UidSet.empty() : modified;
    }
}
