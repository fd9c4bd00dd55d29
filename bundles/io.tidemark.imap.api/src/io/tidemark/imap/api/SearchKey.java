/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.util.List;
import java.util.Objects;

import io.tidemark.model.UidSet;

/**
 * A typed UID SEARCH criterion; the transport writes it on the wire, quoting strings as needed. Only the
 * keys a sync engine needs.
 *
 * @since 0.1
 */
public sealed interface SearchKey {

    /** {@code ALL}. */
    record All() implements SearchKey {
    }

    /** {@code UID set}; the set is written with explicit bounds. @param uids the UIDs */
    record Uids(UidSet uids) implements SearchKey {
        /** Checks the set. */
        public Uids {
            if (uids == null || uids.isEmpty()) {
                throw new IllegalArgumentException("empty UID set");
            }
        }
    }

    /** {@code HEADER name value} (substring match). @param name header name @param value text */
    record Header(String name, String value) implements SearchKey {
        /** Checks for nulls. */
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code MODSEQ n} (CONDSTORE): messages whose MODSEQ is at least {@code modSeq}. @param modSeq the bound */
    record ModSeqAtLeast(long modSeq) implements SearchKey {
    }

    /** {@code DELETED}: messages with {@code \Deleted}. */
    record Deleted() implements SearchKey {
    }

    /** The conjunction of keys. @param keys at least one key */
    record And(List<SearchKey> keys) implements SearchKey {
        /** Copies. */
        public And {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("empty AND");
            }
        }
    }

    /** @return {@code ALL} */
    static SearchKey all() {
        return new All();
    }

    /** @return {@code UID uids} */
    static SearchKey uids(UidSet uids) {
        return new Uids(uids);
    }

    /** @return {@code HEADER name value} */
    static SearchKey header(String name, String value) {
        return new Header(name, value);
    }

    /** @return all of the keys */
    static SearchKey and(SearchKey... keys) {
        return new And(List.of(keys));
    }
}
