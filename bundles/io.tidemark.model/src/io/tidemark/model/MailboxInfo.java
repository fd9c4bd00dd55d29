/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A mailbox as LIST reports it.
 *
 * @param name the full name
 * @param delimiter the hierarchy delimiter, or {@code 0} for a flat namespace (NIL)
 * @param attributes the LIST attributes as written ({@code \Noselect}, {@code \HasChildren}, {@code \Sent},
 *            ...)
 * @param subscribed whether the mailbox is subscribed (from {@code \Subscribed} or LSUB)
 * @param status the counters if the server returned them with LIST-STATUS, else null
 * @since 0.1
 */
public record MailboxInfo(MailboxName name, char delimiter, Set<String> attributes, boolean subscribed,
        MailboxStatus status) {

    /** Copies the attributes. */
    public MailboxInfo {
        attributes = attributes == null ? Set.of() : Set.copyOf(attributes);
    }

    /** @return whether the mailbox can be selected (no {@code \Noselect} or {@code \NonExistent}) */
    public boolean selectable() {
        Set<String> lower = attributes.stream().map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return !lower.contains("\\noselect") && !lower.contains("\\nonexistent");
    }

    /** @return the special use named by the attributes, if any */
    public Optional<SpecialUse> specialUse() {
        for (String a : attributes) {
            Optional<SpecialUse> u = SpecialUse.fromAttribute(a);
            if (u.isPresent()) {
                return u;
            }
        }
        return Optional.empty();
    }
}
