/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The persistent IMAP system flags (RFC 3501 §2.3.2). {@code \Recent} is session state, not a flag a
 * replica keeps, and has no constant here.
 *
 * @since 0.1
 */
public enum SystemFlag {
    /** {@code \Seen}: the message has been read. */
    SEEN("\\Seen"),
    /** {@code \Answered}: the message has been answered. */
    ANSWERED("\\Answered"),
    /** {@code \Flagged}: the message is flagged for attention. */
    FLAGGED("\\Flagged"),
    /** {@code \Deleted}: the message is marked for removal by a later expunge. */
    DELETED("\\Deleted"),
    /** {@code \Draft}: the message is a draft. */
    DRAFT("\\Draft");

    private final String atom;

    SystemFlag(String atom) {
        this.atom = atom;
    }

    /** @return the flag as written on the wire, e.g. {@code \Seen} */
    public String atom() {
        return atom;
    }

    /**
     * @param atom a flag as written on the wire, case-insensitive
     * @return the system flag, or empty if {@code atom} is a keyword or another backslash flag
     */
    public static Optional<SystemFlag> fromAtom(String atom) {
        if (atom.length() < 2 || atom.charAt(0) != '\\') {
            return Optional.empty();
        }
        String lower = atom.toLowerCase(Locale.ROOT);
        for (SystemFlag f : values()) {
            if (f.atom.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
