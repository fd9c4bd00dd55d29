/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import io.tidemark.model.Flags;
import io.tidemark.model.UidSet;

/**
 * The state of one mailbox as the server reports it to an {@link OtherClient}: the test oracle that a
 * replica is compared against.
 *
 * @param mailbox the mailbox name
 * @param uidValidity the UIDVALIDITY
 * @param uidNext the UIDNEXT
 * @param highestModSeq the HIGHESTMODSEQ, or 0 when the server does not advertise CONDSTORE (or reports
 *            {@code NOMODSEQ})
 * @param exists the number of messages
 * @param flags every message's UID mapped to its flag atoms as the server spells them ({@code \Seen},
 *            {@code $Label1}), without {@code \Recent}; sorted by UID, unmodifiable
 * @since 0.1
 */
public record MailboxSnapshot(String mailbox, long uidValidity, long uidNext, long highestModSeq, long exists,
        SortedMap<Long, Set<String>> flags) {

    /** Copies the map. */
    public MailboxSnapshot {
        Objects.requireNonNull(mailbox, "mailbox");
        TreeMap<Long, Set<String>> copy = new TreeMap<>();
        flags.forEach((uid, atoms) -> copy.put(uid, Set.copyOf(atoms)));
        flags = Collections.unmodifiableSortedMap(copy);
    }

    /** @return the UIDs of all messages */
    public UidSet uids() {
        UidSet.Builder b = UidSet.builder();
        flags.keySet().forEach(b::add);
        return b.build();
    }

    /**
     * @param uid a UID
     * @return the message's flags as a model value
     * @throws IllegalArgumentException if there is no message with that UID
     */
    public Flags flagsOf(long uid) {
        Set<String> atoms = flags.get(uid);
        if (atoms == null) {
            throw new IllegalArgumentException("No UID " + uid + " in " + mailbox + " (UIDs " + uids() + ")");
        }
        return Flags.of(atoms);
    }

    /**
     * @param atom a flag such as {@code \Seen} or a keyword, compared case-insensitively
     * @return the UIDs of the messages that have it
     */
    public UidSet uidsWith(String atom) {
        UidSet.Builder b = UidSet.builder();
        flags.forEach((uid, atoms) -> {
            if (atoms.stream().anyMatch(a -> a.equalsIgnoreCase(atom))) {
                b.add(uid);
            }
        });
        return b.build();
    }
}
