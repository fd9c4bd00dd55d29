/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.Optional;

/**
 * Special-use mailbox attributes (RFC 6154).
 *
 * @since 0.1
 */
public enum SpecialUse {
    /** {@code \All}: a virtual mailbox with every message. */
    ALL("\\All"),
    /** {@code \Archive}. */
    ARCHIVE("\\Archive"),
    /** {@code \Drafts}. */
    DRAFTS("\\Drafts"),
    /** {@code \Flagged}: a virtual mailbox of flagged messages. */
    FLAGGED("\\Flagged"),
    /** {@code \Junk}. */
    JUNK("\\Junk"),
    /** {@code \Sent}. */
    SENT("\\Sent"),
    /** {@code \Trash}. */
    TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    /** @return the attribute as written in LIST, e.g. {@code \Sent} */
    public String attribute() {
        return attribute;
    }

    /** @return the special use named by a LIST attribute (case-insensitive), if it is one */
    public static Optional<SpecialUse> fromAttribute(String attribute) {
        for (SpecialUse u : values()) {
            if (u.attribute.equalsIgnoreCase(attribute)) {
                return Optional.of(u);
            }
        }
        return Optional.empty();
    }
}
