/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.Objects;

/**
 * A mailbox of an account: the key of a replica.
 *
 * @param account the account
 * @param name the mailbox
 * @since 0.1
 */
public record MailboxRef(AccountId account, MailboxName name) implements Comparable<MailboxRef> {

    /** Checks for nulls. */
    public MailboxRef {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
    }

    /** @return the mailbox {@code name} of account {@code account} */
    public static MailboxRef of(String account, String name) {
        return new MailboxRef(AccountId.of(account), MailboxName.of(name));
    }

    @Override
    public int compareTo(MailboxRef o) {
        int c = account.compareTo(o.account);
        return c != 0 ? c : name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return account + ":" + name;
    }
}
