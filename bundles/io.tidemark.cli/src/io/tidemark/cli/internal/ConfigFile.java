/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tidemark.model.AccountConfig;
import io.tidemark.model.AccountId;
import io.tidemark.model.AuthMechanism;
import io.tidemark.model.BodyPolicy;
import io.tidemark.model.FolderSelection;
import io.tidemark.model.MailboxName;
import io.tidemark.model.Security;

/**
 * The configuration file ({@code $XDG_CONFIG_HOME/tidemark/config}, or {@code --config FILE}): accounts and the
 * store, in an INI format documented in docs/cli.md. Every error names the file, the line and the key. Secrets
 * are refused: the file says where a secret comes from ({@code password-command}, {@code password-env}) but
 * never holds one.
 *
 * <pre>
 * [store]
 * location = /srv/tidemark            # a folder for H2, or jdbc:postgresql://host/db?user=tidemark
 *
 * [account work]
 * url = imaps://alice@imap.example.com  # or host, port, security, user
 * folders = subscribed                  # subscribed | all | INBOX, Archive, "Sent Items"
 * bodies = headers                      # headers | full | max=SIZE
 * password-command = pass show mail/work
 * </pre>
 */
final class ConfigFile {

    /** The keys an account section may have. */
    static final Set<String> ACCOUNT_KEYS = Set.of("url", "host", "port", "security", "user", "auth", "folders",
            "bodies", "password-command", "password-env", "pinned-certificate", "connect-timeout", "read-timeout",
            "allow-insecure", "max-connections");

    private static final Pattern SECTION = Pattern.compile("\\[\\s*([A-Za-z]+)(?:\\s+\"?([^\"\\]]*?)\"?)?\\s*]");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    /**
     * One account of the file.
     *
     * @param config the account
     * @param passwordCommand the command printing its secret, or null
     * @param passwordEnv the environment variable holding its secret, or null
     * @param line the line of its section header
     */
    record Account(AccountConfig config, String passwordCommand, String passwordEnv, int line) {
    }

    private final Path file;
    private final boolean exists;
    private final Map<AccountId, Account> accounts;
    private final String storeLocation;

    private ConfigFile(Path file, boolean exists, Map<AccountId, Account> accounts, String storeLocation) {
        this.file = file;
        this.exists = exists;
        this.accounts = accounts;
        this.storeLocation = storeLocation;
    }

    /**
     * Reads and validates a configuration file. A missing file is an empty configuration.
     *
     * @throws Failure {@link ExitCode#CONFIG} naming the file, line and key of the first problem
     */
    static ConfigFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ConfigFile(file, false, Map.of(), null);
        } catch (IOException e) {
            throw Failure.of(ExitCode.CONFIG, file + ": cannot read the configuration file: " + e.getMessage());
        }
        Map<AccountId, Account> accounts = new LinkedHashMap<>();
        String store = null;
        String section = null;
        String name = null;
        int sectionLine = 0;
        Map<String, Value> values = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = stripComment(lines.get(i)).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                Matcher m = SECTION.matcher(line);
                if (!m.matches()) {
                    throw error(file, n, null, "not a section header: '" + line + "' (use [account NAME] or [store])");
                }
                if (section != null) {
                    store = finish(file, section, name, sectionLine, values, accounts, store);
                }
                section = m.group(1).toLowerCase(Locale.ROOT);
                name = m.group(2) == null ? null : m.group(2).strip();
                sectionLine = n;
                values = new LinkedHashMap<>();
                if (section.equals("account")) {
                    if (name == null || name.isEmpty()) {
                        throw error(file, n, null, "an account section needs a name: [account NAME]");
                    }
                    AccountId id;
                    try {
                        id = AccountId.of(name);
                    } catch (IllegalArgumentException e) {
                        throw error(file, n, null, e.getMessage());
                    }
                    if (accounts.containsKey(id)) {
                        throw error(file, n, null, "account '" + name + "' is defined twice (first on line "
                                + accounts.get(id).line() + ")");
                    }
                } else if (section.equals("store")) {
                    if (name != null && !name.isEmpty()) {
                        throw error(file, n, null, "the [store] section takes no name");
                    }
                } else {
                    throw error(file, n, null, "unknown section [" + m.group(1) + "] (use [account NAME] or [store])");
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(file, n, null, "expected 'key = value': '" + line + "'");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(line.substring(eq + 1).strip());
            if (section == null) {
                throw error(file, n, key, "a key outside any section (start with [account NAME] or [store])");
            }
            if (key.equals("password") || key.equals("secret") || key.equals("pass")) {
                throw error(file, n, key, "secrets do not belong in the configuration file; use password-command, "
                        + "password-env or 'tidemark accounts add' (Equinox secure storage)");
            }
            if (values.containsKey(key)) {
                throw error(file, n, key, "given twice (first on line " + values.get(key).line() + ")");
            }
            values.put(key, new Value(value, n));
        }
        if (section != null) {
            store = finish(file, section, name, sectionLine, values, accounts, store);
        }
        return new ConfigFile(file, true, accounts, store);
    }

    private record Value(String text, int line) {
    }

    private static String finish(Path file, String section, String name, int line, Map<String, Value> values,
            Map<AccountId, Account> accounts, String store) {
        if (section.equals("store")) {
            for (Map.Entry<String, Value> e : values.entrySet()) {
                if (!e.getKey().equals("location")) {
                    throw error(file, e.getValue().line(), e.getKey(), "unknown key in [store] (the only key is location)");
                }
            }
            Value loc = values.get("location");
            if (loc == null || loc.text().isEmpty()) {
                throw error(file, line, "location", "the [store] section needs location = FOLDER or JDBC URL");
            }
            return loc.text();
        }
        Account a = account(file, AccountId.of(name), line, values);
        accounts.put(a.config().id(), a);
        return store;
    }

    private static Account account(Path file, AccountId id, int line, Map<String, Value> v) {
        for (Map.Entry<String, Value> e : v.entrySet()) {
            if (!ACCOUNT_KEYS.contains(e.getKey())) {
                throw error(file, e.getValue().line(), e.getKey(), "unknown key in [account " + id + "] (known: "
                        + String.join(", ", new java.util.TreeSet<>(ACCOUNT_KEYS)) + ")");
            }
        }
        boolean insecure = v.containsKey("allow-insecure") && bool(file, v.get("allow-insecure"), "allow-insecure");
        AccountConfig.Builder b;
        if (v.containsKey("url")) {
            Value url = v.get("url");
            for (String k : List.of("host", "port", "security", "user")) {
                if (v.containsKey(k)) {
                    throw error(file, v.get(k).line(), k, "give either url or " + k + ", not both");
                }
            }
            try {
                b = AccountConfig.fromUrl(id.value(), url.text(), insecure);
            } catch (IllegalArgumentException e) {
                throw error(file, url.line(), "url", e.getMessage());
            }
        } else {
            if (!v.containsKey("host")) {
                throw error(file, line, "host", "[account " + id + "] needs url, or host and user");
            }
            if (!v.containsKey("user")) {
                throw error(file, line, "user", "[account " + id + "] needs url, or host and user");
            }
            b = AccountConfig.builder(id).host(v.get("host").text()).user(v.get("user").text()).allowInsecure(insecure);
            if (v.containsKey("security")) {
                Value s = v.get("security");
                b.security(switch (s.text().toLowerCase(Locale.ROOT)) {
                    case "tls", "ssl", "imaps" -> Security.TLS;
                    case "starttls" -> Security.STARTTLS;
                    case "none", "plain" -> Security.NONE;
                    default -> throw error(file, s.line(), "security", "not one of tls, starttls, none: '" + s.text() + "'");
                });
            }
            if (v.containsKey("port")) {
                Value p = v.get("port");
                int port = integer(file, p, "port");
                if (port < 1 || port > 65535) {
                    throw error(file, p.line(), "port", "not a port number (1-65535): '" + p.text() + "'");
                }
                b.port(port);
            }
        }
        if (v.containsKey("auth")) {
            Value a = v.get("auth");
            try {
                b.auth(AuthMechanism.valueOf(a.text().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw error(file, a.line(), "auth", "not one of auto, login, plain, xoauth2, oauthbearer: '" + a.text() + "'");
            }
        }
        if (v.containsKey("folders")) {
            Value f = v.get("folders");
            try {
                b.folders(folders(f.text()));
            } catch (IllegalArgumentException e) {
                throw error(file, f.line(), "folders", e.getMessage());
            }
        }
        if (v.containsKey("bodies")) {
            Value bo = v.get("bodies");
            try {
                b.bodyPolicy(BodyPolicy.parse(bo.text()));
            } catch (IllegalArgumentException e) {
                throw error(file, bo.line(), "bodies", e.getMessage());
            }
        }
        if (v.containsKey("pinned-certificate")) {
            b.pinnedCertificateSha256(v.get("pinned-certificate").text());
        }
        if (v.containsKey("connect-timeout")) {
            b.connectTimeout(duration(file, v.get("connect-timeout"), "connect-timeout"));
        }
        if (v.containsKey("read-timeout")) {
            b.readTimeout(duration(file, v.get("read-timeout"), "read-timeout"));
        }
        if (v.containsKey("max-connections")) {
            b.maxConnections(integer(file, v.get("max-connections"), "max-connections"));
        }
        String cmd = v.containsKey("password-command") ? v.get("password-command").text() : null;
        String env = v.containsKey("password-env") ? v.get("password-env").text() : null;
        if (env != null && !env.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw error(file, v.get("password-env").line(), "password-env",
                    "not an environment variable name: '" + env + "'");
        }
        try {
            return new Account(b.build(), cmd, env, line);
        } catch (IllegalArgumentException e) {
            // the record names the field; point at the key's line where there is one
            String msg = e.getMessage();
            String key = msg.contains("pinned") ? "pinned-certificate" : msg.contains("maxConnections") ? "max-connections"
                    : msg.contains("security NONE") ? "security" : msg.contains("port") ? "port" : null;
            int at = key != null && v.containsKey(key) ? v.get(key).line() : line;
            throw error(file, at, key, msg);
        }
    }

    /** @return the folder selection of {@code subscribed}, {@code all} or a comma-separated list of names */
    static FolderSelection folders(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("subscribed")) {
            return FolderSelection.SUBSCRIBED;
        }
        if (t.equalsIgnoreCase("all")) {
            return FolderSelection.ALL;
        }
        List<MailboxName> names = new ArrayList<>();
        for (String part : splitList(t)) {
            names.add(MailboxName.of(part));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("no folders named (use subscribed, all, or a list of names)");
        }
        return FolderSelection.listed(names);
    }

    /** Splits {@code INBOX, Archive, "Sent, old"} at commas outside quotes. */
    private static List<String> splitList(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quotes in '" + text + "'");
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s);
        }
        cur.setLength(0);
    }

    private static boolean bool(Path file, Value v, String key) {
        return switch (v.text().toLowerCase(Locale.ROOT)) {
            case "yes", "true", "on", "1" -> true;
            case "no", "false", "off", "0" -> false;
            default -> throw error(file, v.line(), key, "not yes or no: '" + v.text() + "'");
        };
    }

    private static int integer(Path file, Value v, String key) {
        try {
            return Integer.parseInt(v.text());
        } catch (NumberFormatException e) {
            throw error(file, v.line(), key, "not a number: '" + v.text() + "'");
        }
    }

    private static Duration duration(Path file, Value v, String key) {
        Matcher m = DURATION.matcher(v.text().toLowerCase(Locale.ROOT));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw error(file, v.line(), key, "not a duration like 30s, 2m or 500ms: '" + v.text() + "'");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if ((c == '#' || c == ';') && !quoted && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") && v.indexOf('"', 1) == v.length() - 1) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static Failure error(Path file, int line, String key, String message) {
        return Failure.of(ExitCode.CONFIG, file + ":" + line + ": " + (key == null ? "" : key + ": ") + message);
    }

    /** @return the file */
    Path file() {
        return file;
    }

    /** @return whether the file exists */
    boolean exists() {
        return exists;
    }

    /** @return the accounts, in file order */
    Map<AccountId, Account> accounts() {
        return accounts;
    }

    /** @return the [store] location, or null */
    String storeLocation() {
        return storeLocation;
    }

    // ---------------------------------------------------------------- writing

    /**
     * Appends an account section (used by {@code accounts add}); the rest of the file is kept as it is.
     *
     * @param lines the section's {@code key = value} lines
     */
    static void appendAccount(Path file, AccountId id, List<String> lines) throws IOException {
        StringBuilder sb = new StringBuilder();
        List<String> old = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        if (old.isEmpty()) {
            sb.append("# Tidemark configuration; see docs/cli.md. Secrets are never written here.\n");
        }
        for (String l : old) {
            sb.append(l).append('\n');
        }
        if (!old.isEmpty() && !old.get(old.size() - 1).isBlank()) {
            sb.append('\n');
        }
        sb.append("[account ").append(id.value()).append("]\n");
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        write(file, sb.toString());
    }

    /**
     * Removes an account's section (its header up to the next section), keeping everything else.
     *
     * @return whether the section was found
     */
    static boolean removeAccount(Path file, AccountId id) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        boolean inside = false;
        boolean found = false;
        for (String l : lines) {
            String t = stripComment(l).strip();
            if (t.startsWith("[")) {
                Matcher m = SECTION.matcher(t);
                inside = m.matches() && m.group(1).equalsIgnoreCase("account") && m.group(2) != null
                        && m.group(2).strip().equals(id.value());
                found |= inside;
            }
            if (!inside) {
                sb.append(l).append('\n');
            }
        }
        if (found) {
            write(file, sb.toString().replaceAll("\n{3,}", "\n\n"));
        }
        return found;
    }

    private static void write(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".config", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
