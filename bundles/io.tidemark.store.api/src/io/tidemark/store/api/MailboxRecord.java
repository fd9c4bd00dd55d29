/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.store.api;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.tidemark.model.MailboxInfo;
import io.tidemark.model.MailboxRef;
import io.tidemark.model.SpecialUse;

/**
 * A mailbox the store knows of.
 *
 * @param ref the account and name
 * @param delimiter the hierarchy delimiter, or 0
 * @param attributes the LIST attributes
 * @param subscribed whether the server has it subscribed
 * @param synced whether its messages are replicated (per the account's folder selection)
 * @since 0.1
 */
public record MailboxRecord(MailboxRef ref, char delimiter, Set<String> attributes, boolean subscribed,
        boolean synced) {

    /** Copies. */
    public MailboxRecord {
        Objects.requireNonNull(ref, "ref");
        attributes = attributes == null ? Set.of() : Set.copyOf(attributes);
    }

    /** @return the record of a listed mailbox */
    public static MailboxRecord of(MailboxRef ref, MailboxInfo info, boolean synced) {
        return new MailboxRecord(ref, info.delimiter(), info.attributes(), info.subscribed(), synced);
    }

    /** @return the special use named by the attributes, if any */
    public Optional<SpecialUse> specialUse() {
        return new MailboxInfo(ref.name(), delimiter, attributes, subscribed, null).specialUse();
    }

    /** @return a copy under another reference (a rename) */
    public MailboxRecord withRef(MailboxRef newRef) {
        return new MailboxRecord(newRef, delimiter, attributes, subscribed, synced);
    }
}
