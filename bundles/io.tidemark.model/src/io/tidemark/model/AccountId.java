/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.regex.Pattern;

/**
 * The local name of an account, e.g. {@code work} or {@code alice@example.com}: the key under which the
 * store keeps its mailboxes and the name users type on the command line.
 *
 * @param value 1-128 characters of letters, digits and {@code . _ - @ +}
 * @since 0.1
 */
public record AccountId(String value) implements Comparable<AccountId> {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@+\\-]{1,128}");

    /** Validates the name. */
    public AccountId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a valid account name (1-128 of A-Z a-z 0-9 . _ - @ +): '"
                    + value + "'");
        }
    }

    /** @return the account named {@code value} */
    public static AccountId of(String value) {
        return new AccountId(value);
    }

    @Override
    public int compareTo(AccountId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
