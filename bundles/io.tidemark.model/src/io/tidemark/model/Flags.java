/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flags of one message: system flags and keywords (user flags such as {@code $Junk} or {@code work}).
 * <p>
 * Keywords are kept as the server spelled them; {@code \Recent} and the {@code \*} of PERMANENTFLAGS are
 * never part of a message's flags and are dropped by {@link #parse(String)} and {@link #of(Collection)}.
 * Backslash flags that RFC 3501 does not define (server extensions) are kept as keywords.
 * <p>
 * Immutable and thread-safe.
 *
 * @param system the system flags
 * @param keywords the keywords, never containing a system flag
 * @since 0.1
 */
public record Flags(Set<SystemFlag> system, Set<String> keywords) {

    /** No flags at all. */
    public static final Flags EMPTY = new Flags(Set.of(), Set.of());

    /** Just {@code \Seen}. */
    public static final Flags SEEN = of(SystemFlag.SEEN);

    /**
     * Copies and validates the components. Keywords that differ only in case are one keyword (IMAP compares
     * flags case-insensitively); the first in {@code keywords}' iteration order is kept.
     *
     * @throws IllegalArgumentException if a keyword is empty, a system flag, {@code \Recent}, {@code \*}, or
     *             cannot be written as an IMAP atom (space, control character, {@code ( ) { "}, or a backslash
     *             other than the first character)
     */
    public Flags {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(keywords, "keywords");
        system = system.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(system));
        Set<String> unique = new LinkedHashSet<>();
        Set<String> seen = new HashSet<>();
        for (String k : keywords) {
            checkKeyword(k);
            if (seen.add(k.toLowerCase(Locale.ROOT))) {
                unique.add(k);
            }
        }
        keywords = Set.copyOf(unique);
    }

    private static void checkKeyword(String k) {
        if (k == null || k.isEmpty() || SystemFlag.fromAtom(k).isPresent() || k.equals("\\*")
                || k.equalsIgnoreCase("\\Recent")) {
            throw new IllegalArgumentException("Not a keyword: " + k);
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            // RFC 3501 atom-specials that would break the flag list on the wire; ']', '%' and '*' are left
            // alone because some servers report keywords containing them.
            if (c <= ' ' || c == 0x7f || c == '(' || c == ')' || c == '{' || c == '"' || (c == '\\' && i > 0)) {
                throw new IllegalArgumentException("Not a keyword (not an IMAP atom): '" + k + "'");
            }
        }
    }

    /** @return flags holding the given system flags and no keyword */
    public static Flags of(SystemFlag... flags) {
        return new Flags(flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), Set.of());
    }

    /**
     * @param atoms flags as written on the wire ({@code \Seen}, {@code $Label1}); {@code \Recent} and
     *            {@code \*} are ignored; of keywords differing only in case the first is kept
     * @return the flags
     * @throws IllegalArgumentException if a flag cannot be written as an IMAP atom
     */
    public static Flags of(Collection<String> atoms) {
        EnumSet<SystemFlag> sys = EnumSet.noneOf(SystemFlag.class);
        Set<String> kw = new LinkedHashSet<>();
        for (String a : atoms) {
            if (a == null || a.isEmpty() || a.equals("\\*") || a.equalsIgnoreCase("\\Recent")) {
                continue;
            }
            SystemFlag.fromAtom(a).ifPresentOrElse(sys::add, () -> kw.add(a));
        }
        return sys.isEmpty() && kw.isEmpty() ? EMPTY : new Flags(sys, kw);
    }

    /**
     * @param list a space-separated flag list, with or without the surrounding parentheses
     * @return the flags
     * @throws IllegalArgumentException if the parentheses do not balance or a flag is not an atom
     */
    public static Flags parse(String list) {
        String s = list.trim();
        if (s.startsWith("(") && s.endsWith(")")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        if (s.indexOf('(') >= 0 || s.indexOf(')') >= 0) {
            throw new IllegalArgumentException("Not a flag list: '" + list + "'");
        }
        if (s.isEmpty()) {
            return EMPTY;
        }
        return of(List.of(s.split("\\s+")));
    }

    /** @return whether the system flag is set */
    public boolean has(SystemFlag flag) {
        return system.contains(flag);
    }

    /** @return whether the keyword is set (case-insensitive, as IMAP compares flags) */
    public boolean hasKeyword(String keyword) {
        for (String k : keywords) {
            if (k.equalsIgnoreCase(keyword)) {
                return true;
            }
        }
        return false;
    }

    /** @return true if there is no flag and no keyword */
    public boolean isEmpty() {
        return system.isEmpty() && keywords.isEmpty();
    }

    /** @return these flags and those of {@code other} */
    public Flags plus(Flags other) {
        if (other.isEmpty()) {
            return this;
        }
        EnumSet<SystemFlag> sys = EnumSet.noneOf(SystemFlag.class);
        sys.addAll(system);
        sys.addAll(other.system);
        Set<String> kw = new LinkedHashSet<>(keywords);
        for (String k : other.keywords) {
            if (!hasKeyword(k)) {
                kw.add(k);
            }
        }
        return new Flags(sys, kw);
    }

    /** @return these flags without those of {@code other} (keywords compared case-insensitively) */
    public Flags minus(Flags other) {
        if (other.isEmpty()) {
            return this;
        }
        EnumSet<SystemFlag> sys = EnumSet.noneOf(SystemFlag.class);
        sys.addAll(system);
        sys.removeAll(other.system);
        Set<String> kw = new LinkedHashSet<>();
        for (String k : keywords) {
            if (!other.hasKeyword(k)) {
                kw.add(k);
            }
        }
        return new Flags(sys, kw);
    }

    /** @return these flags with {@code flag} added */
    public Flags with(SystemFlag flag) {
        return plus(of(flag));
    }

    /** @return these flags with {@code flag} removed */
    public Flags without(SystemFlag flag) {
        return minus(of(flag));
    }

    /** @return the flags that are in {@code this} or {@code other} but not both (keywords case-insensitive) */
    public Flags symmetricDifference(Flags other) {
        return minus(other).plus(other.minus(this));
    }

    /**
     * @param other flags to compare with
     * @return whether both hold the same system flags and the same keywords, ignoring keyword case
     */
    public boolean sameAs(Flags other) {
        return symmetricDifference(other).isEmpty();
    }

    /** @return every flag as written on the wire: system flags in enum order, then keywords sorted */
    public List<String> atoms() {
        List<String> out = new ArrayList<>(system.size() + keywords.size());
        for (SystemFlag f : SystemFlag.values()) {
            if (system.contains(f)) {
                out.add(f.atom());
            }
        }
        TreeSet<String> sorted = new TreeSet<>((a, b) -> {
            int c = a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
            return c != 0 ? c : a.compareTo(b);
        });
        sorted.addAll(keywords);
        out.addAll(sorted);
        return out;
    }

    /** @return the IMAP flag list, e.g. {@code (\Seen \Flagged $Label1)} */
    public String toImapList() {
        return "(" + String.join(" ", atoms()) + ")";
    }

    @Override
    public String toString() {
        return toImapList();
    }
}
