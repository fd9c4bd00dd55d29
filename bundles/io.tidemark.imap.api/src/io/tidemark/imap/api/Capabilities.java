/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.api;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a server offers (CAPABILITY, re-read after authentication) and what this session has turned on with
 * ENABLE (RFC 5161).
 *
 * @param atoms the capability atoms, upper case ({@code IMAP4REV1}, {@code AUTH=PLAIN}, {@code QRESYNC})
 * @param enabled the extensions the server confirmed in an ENABLED response, upper case
 * @since 0.1
 */
public record Capabilities(Set<String> atoms, Set<String> enabled) {

    /** Upper-cases and copies. */
    public Capabilities {
        atoms = upper(atoms);
        enabled = upper(enabled);
    }

    private static Set<String> upper(Collection<String> in) {
        Set<String> out = new LinkedHashSet<>();
        if (in != null) {
            for (String s : in) {
                out.add(s.toUpperCase(Locale.ROOT));
            }
        }
        return Set.copyOf(out);
    }

    /** @return whether the server offers {@code atom} (case-insensitive) */
    public boolean has(String atom) {
        return atoms.contains(atom.toUpperCase(Locale.ROOT));
    }

    /** @return whether this session has enabled {@code extension} */
    public boolean isEnabled(String extension) {
        return enabled.contains(extension.toUpperCase(Locale.ROOT));
    }

    /**
     * @return QRESYNC offered and confirmed by ENABLED (RFC 7162 §3.2.3); a server that offers it but never
     *         confirms it (iCloud) is not trusted with it
     */
    public boolean qresync() {
        return has("QRESYNC") && isEnabled("QRESYNC");
    }

    /** @return CONDSTORE offered (or implied by QRESYNC) */
    public boolean condstore() {
        return has("CONDSTORE") || has("QRESYNC");
    }

    /** @return UIDPLUS (RFC 4315): APPENDUID, COPYUID, UID EXPUNGE */
    public boolean uidplus() {
        return has("UIDPLUS") || has("IMAP4REV2");
    }

    /** @return MOVE (RFC 6851) */
    public boolean move() {
        return has("MOVE") || has("IMAP4REV2");
    }

    /** @return IDLE (RFC 2177) */
    public boolean idle() {
        return has("IDLE") || has("IMAP4REV2");
    }

    /** @return NOTIFY (RFC 5465) */
    public boolean notifyExtension() {
        return has("NOTIFY");
    }

    /** @return ESEARCH (RFC 4731) */
    public boolean esearch() {
        return has("ESEARCH") || has("IMAP4REV2");
    }

    /** @return LIST-STATUS (RFC 5819) */
    public boolean listStatus() {
        return has("LIST-STATUS") || has("IMAP4REV2");
    }

    /** @return SPECIAL-USE (RFC 6154) */
    public boolean specialUse() {
        return has("SPECIAL-USE") || has("IMAP4REV2");
    }

    /** @return OBJECTID (RFC 8474): EMAILID survives moves */
    public boolean objectId() {
        return has("OBJECTID");
    }

    /** @return LITERAL+ or LITERAL- (RFC 7888) */
    public boolean nonSyncLiterals() {
        return has("LITERAL+") || has("LITERAL-");
    }

    /** @return UNSELECT (RFC 3691) */
    public boolean unselect() {
        return has("UNSELECT") || has("IMAP4REV2");
    }

    /** @return the SASL mechanisms offered ({@code AUTH=...}), upper case */
    public Set<String> authMechanisms() {
        Set<String> out = new TreeSet<>();
        for (String a : atoms) {
            if (a.startsWith("AUTH=")) {
                out.add(a.substring(5));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(" ", new TreeSet<>(atoms));
    }
}
