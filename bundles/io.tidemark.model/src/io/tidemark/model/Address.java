/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

/**
 * One address of an envelope.
 *
 * @param name the display name, decoded from RFC 2047, or null
 * @param email the address {@code local@domain}; may be {@code local} alone for group syntax or
 *            malformed headers, never null
 * @since 0.1
 */
public record Address(String name, String email) {

    /** Normalizes a null email to the empty string. */
    public Address {
        email = email == null ? "" : email;
    }

    /** @return the display name if there is one, else the address */
    public String displayName() {
        return name != null && !name.isBlank() ? name : email;
    }

    @Override
    public String toString() {
        return name == null || name.isBlank() ? email : name + " <" + email + ">";
    }
}
