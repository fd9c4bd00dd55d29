/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.List;
import java.util.Objects;

/**
 * Which of an account's mailboxes are synced.
 *
 * @param mode how the set is chosen
 * @param names for {@link Mode#LISTED}: the mailboxes, in the order given; ignored otherwise
 * @since 0.1
 */
public record FolderSelection(Mode mode, List<MailboxName> names) {

    /** Every mailbox the server lists. */
    public static final FolderSelection ALL = new FolderSelection(Mode.ALL, List.of());

    /** The subscribed mailboxes, and always INBOX: the default. */
    public static final FolderSelection SUBSCRIBED = new FolderSelection(Mode.SUBSCRIBED, List.of());

    /**
     * How the set is chosen.
     *
     * @since 0.1
     */
    public enum Mode {
        /** Every selectable mailbox. */
        ALL,
        /** INBOX and the subscribed mailboxes. */
        SUBSCRIBED,
        /** Exactly the listed mailboxes. */
        LISTED
    }

    /** Copies the list. */
    public FolderSelection {
        Objects.requireNonNull(mode, "mode");
        names = names == null ? List.of() : List.copyOf(names);
        if (mode == Mode.LISTED && names.isEmpty()) {
            throw new IllegalArgumentException("A LISTED folder selection needs at least one mailbox");
        }
    }

    /** @return a selection of exactly these mailboxes */
    public static FolderSelection listed(List<MailboxName> names) {
        return new FolderSelection(Mode.LISTED, names);
    }
}
