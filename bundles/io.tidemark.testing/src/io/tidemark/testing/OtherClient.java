/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.tidemark.model.UidSet;
import io.tidemark.testing.internal.ModifiedUtf7;

/**
 * A second IMAP client that changes a server behind the back of the client under test, as another device
 * of the same user would, and reads back what the server holds (the test oracle). It speaks raw IMAP over
 * one socket: plain {@code LOGIN}, tagged commands, untagged responses and literals in responses. It uses
 * nothing server-specific, so it works against Dovecot, GreenMail and any other server.
 * <p>
 * Every method is one or a few blocking round trips (read timeout 30 s). Mailbox arguments are names as a
 * user sees them ({@code Archive/2024}, non-ASCII allowed); they are sent in modified UTF-7. Flags are atoms
 * as on the wire: {@code \Seen}, {@code \Deleted}, or keywords such as {@code $Label1}.
 * <p>
 * Errors: a {@code NO}/{@code BAD} answer throws {@link ImapCommandException}, a network failure
 * {@link UncheckedIOException}; messages name the command but never the password.
 * <p>
 * Not thread-safe: one thread at a time per instance (use one instance per thread).
 *
 * @since 0.1
 */
public final class OtherClient implements AutoCloseable {

    private static final DateTimeFormatter INTERNALDATE = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss Z",
            Locale.US);
    private static final Pattern LITERAL_AT_END = Pattern.compile("\\{(\\d+)\\+?}$");
    private static final Pattern CAPABILITY_CODE = Pattern.compile("\\[CAPABILITY ([^\\]]*)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern APPENDUID = Pattern.compile("\\[APPENDUID (\\d+) (\\d+)]", Pattern.CASE_INSENSITIVE);
    private static final Pattern COPYUID = Pattern.compile("\\[COPYUID (\\d+) ([0-9:,]+) ([0-9:,]+)]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CODE_NUMBER = Pattern.compile("\\[(UIDVALIDITY|UIDNEXT|HIGHESTMODSEQ) (\\d+)]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS", Pattern.CASE_INSENSITIVE);
    private static final Pattern FETCH = Pattern.compile("^\\* \\d+ FETCH \\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern FETCH_UID = Pattern.compile("[( ]UID (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern FETCH_FLAGS = Pattern.compile("[( ]FLAGS \\(([^)]*)\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATUS_ITEM = Pattern.compile("(UIDNEXT|UIDVALIDITY|MESSAGES|HIGHESTMODSEQ) (\\d+)",
            Pattern.CASE_INSENSITIVE);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String where;
    private int tagCounter;
    private Set<String> preLoginCapabilities = Set.of();
    private Set<String> capabilities = Set.of();
    private String selected;
    private boolean selectedReadOnly;
    private boolean loggedIn;

    /**
     * The answer to one command.
     *
     * @param tag the command's tag
     * @param status {@code OK}, {@code NO} or {@code BAD}
     * @param text the rest of the tagged line (response code and text)
     * @param untagged the untagged lines received before it, literals inlined, without CRLF
     * @since 0.1
     */
    public record Response(String tag, String status, String text, List<String> untagged) {

        /** Copies the list. */
        public Response {
            untagged = List.copyOf(untagged);
        }

        /** @return whether the status is {@code OK} */
        public boolean isOk() {
            return "OK".equals(status);
        }

        /** @return the tagged text and the untagged lines, one per line (for messages and searches) */
        public String all() {
            return String.join("\n", untagged) + (untagged.isEmpty() ? "" : "\n") + tag + " " + status + " " + text;
        }
    }

    private OtherClient(Socket socket, String where) throws IOException {
        this.socket = socket;
        this.where = where;
        socket.setSoTimeout(30_000);
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        String greeting = readLine();
        if (!greeting.regionMatches(true, 0, "* OK", 0, 4) && !greeting.regionMatches(true, 0, "* PREAUTH", 0, 9)) {
            throw new ImapCommandException(where + ": unexpected greeting: " + greeting, "BYE");
        }
    }

    /**
     * Opens a plain connection without logging in and reads the greeting and the pre-login CAPABILITY.
     *
     * @param host the server address
     * @param port the IMAP port
     * @return the connection; call {@link #login(String, String)} next
     * @throws UncheckedIOException if the connection fails
     */
    public static OtherClient open(String host, int port) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), 5_000);
            OtherClient c = new OtherClient(s, host + ":" + port);
            c.preLoginCapabilities = c.fetchCapabilities();
            c.capabilities = c.preLoginCapabilities;
            return c;
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("Cannot connect to IMAP " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens an implicit-TLS connection (imaps) without logging in.
     *
     * @param host the server address
     * @param port the imaps port
     * @param tls the context whose trust managers decide about the server certificate
     * @return the connection; the negotiated session is {@link #tlsSession()}
     * @throws UncheckedIOException if the connection or the handshake fails
     */
    public static OtherClient openTls(String host, int port, SSLContext tls) {
        Socket s = null;
        try {
            s = tls.getSocketFactory().createSocket();
            s.connect(new InetSocketAddress(host, port), 5_000);
            ((SSLSocket) s).startHandshake();
            OtherClient c = new OtherClient(s, host + ":" + port + " (TLS)");
            c.preLoginCapabilities = c.fetchCapabilities();
            c.capabilities = c.preLoginCapabilities;
            return c;
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("Cannot connect to IMAPS " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a plain connection and logs in.
     *
     * @param host the server address
     * @param port the IMAP port
     * @param user the login name
     * @param password the password
     * @return the logged-in client
     * @throws UncheckedIOException if the connection fails
     * @throws ImapCommandException if the login is refused
     */
    public static OtherClient connect(String host, int port, String user, String password) {
        OtherClient c = open(host, port);
        try {
            c.login(user, password);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Logs in with {@code LOGIN} and learns the post-login capabilities.
     *
     * @param user the login name
     * @param password the password
     * @throws ImapCommandException if the server refuses (the message names the user, not the password)
     */
    public void login(String user, String password) {
        Response r = send("LOGIN " + quote(user) + " " + quote(password), "LOGIN " + user + " ****");
        if (!r.isOk()) {
            throw new ImapCommandException(where + ": LOGIN as " + user + " refused: " + r.status() + " " + r.text(),
                    r.status());
        }
        loggedIn = true;
        Set<String> fromCode = capabilityCode(r);
        capabilities = fromCode != null ? fromCode : fetchCapabilities();
    }

    /** @return the TLS session when connected with {@link #openTls}, else null */
    public javax.net.ssl.SSLSession tlsSession() {
        return socket instanceof SSLSocket ssl ? ssl.getSession() : null;
    }

    /** @return the capabilities the server advertised before login, upper-case */
    public Set<String> preLoginCapabilities() {
        return preLoginCapabilities;
    }

    /** @return the capabilities the server advertises now (after login once logged in), upper-case */
    public Set<String> capabilities() {
        return capabilities;
    }

    /**
     * @param capability a capability name, case-insensitive
     * @return whether the server advertises it now
     */
    public boolean hasCapability(String capability) {
        return capabilities.contains(capability.toUpperCase(Locale.ROOT));
    }

    /**
     * Sends any command and returns the answer without judging it: the escape hatch for tests of server
     * behaviour (e.g. whether {@code ENABLE QRESYNC} is refused). The command must not contain a
     * synchronizing literal. Changing the selected mailbox this way confuses the other methods of this
     * client: they assume they selected it themselves.
     *
     * @param command the command without tag, e.g. {@code ENABLE QRESYNC}
     * @return the answer, also for {@code NO} and {@code BAD}
     */
    public Response execute(String command) {
        String verb = command.split(" ", 2)[0].toUpperCase(Locale.ROOT);
        if (Set.of("SELECT", "EXAMINE", "CLOSE", "UNSELECT").contains(verb)) {
            selected = null;
        }
        return send(command, command);
    }

    // ------------------------------------------------------------------------------------ mutations

    /**
     * Appends a message.
     *
     * @param mailbox the target mailbox
     * @param message the message (CRLF line ends)
     * @param flags the flags to give it
     * @return its UID: from {@code APPENDUID}, else from UIDNEXT before and after the append
     * @throws ImapCommandException if the server refuses, or gives no APPENDUID and another message
     *             arrived meanwhile
     */
    public long append(String mailbox, byte[] message, String... flags) {
        return append(mailbox, message, null, flags);
    }

    /**
     * Appends a message with a given INTERNALDATE.
     *
     * @param mailbox the target mailbox
     * @param message the message (CRLF line ends)
     * @param internalDate the INTERNALDATE to give it (whole seconds, sent in UTC), or null for the
     *            server's clock
     * @param flags the flags to give it
     * @return its UID, as {@link #append(String, byte[], String...)}
     */
    public long append(String mailbox, byte[] message, Instant internalDate, String... flags) {
        // without UIDPLUS the new UID is inferred from UIDNEXT, which only works with no concurrent append
        long uidNextBefore = hasCapability("UIDPLUS") ? -1 : status(mailbox)[0];
        boolean literalPlus = hasCapability("LITERAL+");
        String tag = nextTag();
        String head = tag + " APPEND " + mailbox(mailbox) + (flags.length > 0 ? " (" + String.join(" ", flags) + ")" : "")
                + (internalDate != null ? " \"" + INTERNALDATE.format(internalDate.atOffset(ZoneOffset.UTC)) + "\"" : "")
                + " {" + message.length + (literalPlus ? "+" : "") + "}\r\n";
        try {
            out.write(head.getBytes(StandardCharsets.UTF_8));
            if (!literalPlus) {
                out.flush();
                List<String> early = new ArrayList<>();
                String line;
                while (!(line = readLine()).startsWith("+")) {
                    if (line.startsWith(tag + " ")) {
                        throw refused("APPEND to " + mailbox, toResponse(tag, line, early));
                    }
                    early.add(line);
                }
            }
            out.write(message);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response r = readResponse(tag);
            if (!r.isOk()) {
                throw refused("APPEND to " + mailbox, r);
            }
            Matcher m = APPENDUID.matcher(r.text());
            if (m.find()) {
                return Long.parseLong(m.group(2));
            }
            long uidNextAfter = status(mailbox)[0];
            if (uidNextBefore > 0 && uidNextAfter == uidNextBefore + 1) {
                return uidNextBefore;
            }
            throw new ImapCommandException(where + ": APPEND to " + mailbox
                    + " gave no APPENDUID and the UID cannot be inferred (UIDNEXT " + uidNextBefore + " -> "
                    + uidNextAfter + ")", "OK");
        } catch (IOException e) {
            throw io("APPEND to " + mailbox, e);
        }
    }

    /**
     * Adds flags or keywords ({@code UID STORE +FLAGS.SILENT}).
     *
     * @param mailbox the mailbox
     * @param uids the messages
     * @param flags flag atoms, e.g. {@code \Seen}, {@code $Work}
     */
    public void addFlags(String mailbox, UidSet uids, String... flags) {
        store(mailbox, uids, "+FLAGS.SILENT", flags);
    }

    /** @see #addFlags(String, UidSet, String...) */
    public void addFlags(String mailbox, Collection<Long> uids, String... flags) {
        addFlags(mailbox, toSet(uids), flags);
    }

    /**
     * Removes flags or keywords ({@code UID STORE -FLAGS.SILENT}).
     *
     * @param mailbox the mailbox
     * @param uids the messages
     * @param flags flag atoms
     */
    public void removeFlags(String mailbox, UidSet uids, String... flags) {
        store(mailbox, uids, "-FLAGS.SILENT", flags);
    }

    /** @see #removeFlags(String, UidSet, String...) */
    public void removeFlags(String mailbox, Collection<Long> uids, String... flags) {
        removeFlags(mailbox, toSet(uids), flags);
    }

    /**
     * Replaces the flags ({@code UID STORE FLAGS.SILENT}); what a careless client does.
     *
     * @param mailbox the mailbox
     * @param uids the messages
     * @param flags the complete new flag list, may be empty
     */
    public void setFlags(String mailbox, UidSet uids, String... flags) {
        store(mailbox, uids, "FLAGS.SILENT", flags);
    }

    private void store(String mailbox, UidSet uids, String op, String... flags) {
        requireUids(uids);
        select(mailbox);
        check("UID STORE " + uids + " " + op + " (" + String.join(" ", flags) + ")", "STORE in " + mailbox);
    }

    /**
     * Expunges exactly these messages: {@code UID STORE +FLAGS.SILENT (\Deleted)} then
     * {@code UID EXPUNGE} (RFC 4315), which leaves other messages marked {@code \Deleted} alone. It is sent
     * even when the server hides UIDPLUS (Dovecot's profiles still execute it).
     *
     * @param mailbox the mailbox
     * @param uids the messages
     */
    public void expunge(String mailbox, UidSet uids) {
        requireUids(uids);
        addFlags(mailbox, uids, "\\Deleted");
        check("UID EXPUNGE " + uids, "UID EXPUNGE in " + mailbox);
    }

    /** @see #expunge(String, UidSet) */
    public void expunge(String mailbox, Collection<Long> uids) {
        expunge(mailbox, toSet(uids));
    }

    /**
     * Marks these messages {@code \Deleted} and sends a plain {@code EXPUNGE}, which removes
     * <em>every</em> message marked {@code \Deleted} in the mailbox: the way a client without UIDPLUS
     * deletes, and the way to reproduce "another client expunged my \Deleted messages".
     *
     * @param mailbox the mailbox
     * @param uids the messages to mark first (may be empty to expunge only what is already marked)
     */
    public void expungeAllDeleted(String mailbox, UidSet uids) {
        if (!uids.isEmpty()) {
            addFlags(mailbox, uids, "\\Deleted");
        } else {
            select(mailbox);
        }
        check("EXPUNGE", "EXPUNGE in " + mailbox);
    }

    /**
     * Moves messages: {@code UID MOVE} when the server advertises MOVE, else {@code UID COPY},
     * {@code \Deleted} and {@code UID EXPUNGE}.
     *
     * @param mailbox the source mailbox
     * @param uids the messages
     * @param target the target mailbox
     * @return source UID to new UID in the target, from COPYUID (empty if the server sends none)
     */
    public SortedMap<Long, Long> move(String mailbox, UidSet uids, String target) {
        requireUids(uids);
        if (!hasCapability("MOVE")) {
            SortedMap<Long, Long> map = copy(mailbox, uids, target);
            expunge(mailbox, uids);
            return map;
        }
        select(mailbox);
        return copyUid(check("UID MOVE " + uids + " " + mailbox(target), "MOVE from " + mailbox + " to " + target));
    }

    /** @see #move(String, UidSet, String) */
    public SortedMap<Long, Long> move(String mailbox, Collection<Long> uids, String target) {
        return move(mailbox, toSet(uids), target);
    }

    /**
     * Copies messages ({@code UID COPY}).
     *
     * @param mailbox the source mailbox
     * @param uids the messages
     * @param target the target mailbox
     * @return source UID to new UID in the target, from COPYUID (empty if the server sends none)
     */
    public SortedMap<Long, Long> copy(String mailbox, UidSet uids, String target) {
        requireUids(uids);
        select(mailbox);
        return copyUid(check("UID COPY " + uids + " " + mailbox(target), "COPY from " + mailbox + " to " + target));
    }

    /** @param mailbox the mailbox to create */
    public void create(String mailbox) {
        check("CREATE " + mailbox(mailbox), "CREATE " + mailbox);
    }

    /** @param mailbox the mailbox to delete, with its messages */
    public void delete(String mailbox) {
        leaveIfSelected(mailbox);
        check("DELETE " + mailbox(mailbox), "DELETE " + mailbox);
    }

    /**
     * @param from the mailbox to rename
     * @param to the new name
     */
    public void rename(String from, String to) {
        leaveIfSelected(from);
        check("RENAME " + mailbox(from) + " " + mailbox(to), "RENAME " + from + " to " + to);
    }

    /** @param mailbox the mailbox to subscribe */
    public void subscribe(String mailbox) {
        check("SUBSCRIBE " + mailbox(mailbox), "SUBSCRIBE " + mailbox);
    }

    /** @param mailbox the mailbox to unsubscribe */
    public void unsubscribe(String mailbox) {
        check("UNSUBSCRIBE " + mailbox(mailbox), "UNSUBSCRIBE " + mailbox);
    }

    // ------------------------------------------------------------------------------------ reading

    /** @return every mailbox name ({@code LIST "" "*"}), decoded, in the server's order */
    public List<String> list() {
        return names(check("LIST \"\" \"*\"", "LIST"), "LIST");
    }

    /** @return the subscribed mailbox names ({@code LSUB "" "*"}), decoded */
    public List<String> listSubscribed() {
        return names(check("LSUB \"\" \"*\"", "LSUB"), "LSUB");
    }

    /**
     * Reads the whole state of a mailbox: {@code EXAMINE} (with {@code (CONDSTORE)} when advertised) for
     * UIDVALIDITY, UIDNEXT, EXISTS and HIGHESTMODSEQ, then {@code UID FETCH 1:* (UID FLAGS)}. Fine for a
     * test oracle, not for a million messages.
     *
     * @param mailbox the mailbox
     * @return its state
     */
    public MailboxSnapshot snapshot(String mailbox) {
        boolean condstore = hasCapability("CONDSTORE");
        Response sel = check("EXAMINE " + mailbox(mailbox) + (condstore ? " (CONDSTORE)" : ""), "EXAMINE " + mailbox);
        selected = mailbox;
        selectedReadOnly = true;
        long uidValidity = 0;
        long uidNext = 0;
        long modSeq = 0;
        long exists = 0;
        for (String line : withTagged(sel)) {
            Matcher m = CODE_NUMBER.matcher(line);
            if (m.find()) {
                long v = Long.parseLong(m.group(2));
                switch (m.group(1).toUpperCase(Locale.ROOT)) {
                case "UIDVALIDITY" -> uidValidity = v;
                case "UIDNEXT" -> uidNext = v;
                default -> modSeq = v;
                }
            }
            Matcher e = EXISTS.matcher(line);
            if (e.find()) {
                exists = Long.parseLong(e.group(1));
            }
        }
        SortedMap<Long, Set<String>> flags = new TreeMap<>();
        if (exists > 0) {
            for (String line : check("UID FETCH 1:* (UID FLAGS)", "FETCH in " + mailbox).untagged()) {
                if (!FETCH.matcher(line).find()) {
                    continue;
                }
                Matcher u = FETCH_UID.matcher(line);
                Matcher f = FETCH_FLAGS.matcher(line);
                if (u.find() && f.find()) {
                    Set<String> atoms = new LinkedHashSet<>();
                    for (String a : f.group(1).trim().split(" +")) {
                        if (!a.isEmpty() && !a.equalsIgnoreCase("\\Recent")) {
                            atoms.add(a);
                        }
                    }
                    flags.put(Long.parseLong(u.group(1)), atoms);
                }
            }
        }
        if (uidNext == 0) {
            uidNext = status(mailbox)[0];
        }
        return new MailboxSnapshot(mailbox, uidValidity, uidNext, modSeq, exists, flags);
    }

    /** @return {UIDNEXT, UIDVALIDITY, MESSAGES} from STATUS */
    private long[] status(String mailbox) {
        Response r = check("STATUS " + mailbox(mailbox) + " (UIDNEXT UIDVALIDITY MESSAGES)", "STATUS " + mailbox);
        long[] v = new long[3];
        for (String line : r.untagged()) {
            if (line.regionMatches(true, 0, "* STATUS", 0, 8)) {
                Matcher m = STATUS_ITEM.matcher(line.substring(line.lastIndexOf('(')));
                while (m.find()) {
                    int i = switch (m.group(1).toUpperCase(Locale.ROOT)) {
                    case "UIDNEXT" -> 0;
                    case "UIDVALIDITY" -> 1;
                    case "MESSAGES" -> 2;
                    default -> -1;
                    };
                    if (i >= 0) {
                        v[i] = Long.parseLong(m.group(2));
                    }
                }
            }
        }
        return v;
    }

    /** Sends {@code LOGOUT} (if still connected) and closes the socket. Idempotent. */
    @Override
    public void close() {
        if (socket.isClosed()) {
            return;
        }
        try {
            if (loggedIn) {
                socket.setSoTimeout(2_000);
                send("LOGOUT", "LOGOUT");
            }
        } catch (RuntimeException | IOException e) {
            // the server may already have gone; closing is all that matters
        } finally {
            closeQuietly(socket);
        }
    }

    @Override
    public String toString() {
        return "OtherClient " + where + (selected != null ? " selected " + selected : "");
    }

    // ------------------------------------------------------------------------------------ protocol

    private void select(String mailbox) {
        if (mailbox.equals(selected) && !selectedReadOnly) {
            return;
        }
        selected = null;
        check("SELECT " + mailbox(mailbox), "SELECT " + mailbox);
        selected = mailbox;
        selectedReadOnly = false;
    }

    private void leaveIfSelected(String mailbox) {
        if (mailbox.equals(selected)) {
            // UNSELECT leaves without expunging (CLOSE would expunge \Deleted messages)
            if (hasCapability("UNSELECT")) {
                check("UNSELECT", "UNSELECT");
            } else {
                check("EXAMINE \"INBOX\"", "EXAMINE INBOX");
            }
            selected = null;
        }
    }

    private Response check(String command, String what) {
        Response r = send(command, command);
        if (!r.isOk()) {
            throw refused(what, r);
        }
        return r;
    }

    private ImapCommandException refused(String what, Response r) {
        return new ImapCommandException(where + ": " + what + " failed: " + r.status() + " " + r.text(), r.status());
    }

    private Response send(String command, String shownAs) {
        String tag = nextTag();
        try {
            out.write((tag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readResponse(tag);
        } catch (IOException e) {
            throw io(shownAs, e);
        }
    }

    private UncheckedIOException io(String what, IOException e) {
        return new UncheckedIOException(where + ": " + what + ": " + e.getMessage(), e);
    }

    private String nextTag() {
        return "o" + (++tagCounter);
    }

    private Response readResponse(String tag) throws IOException {
        List<String> untagged = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.startsWith(tag + " ")) {
                return toResponse(tag, line, untagged);
            }
            untagged.add(line);
        }
    }

    private static Response toResponse(String tag, String line, List<String> untagged) {
        String rest = line.substring(tag.length() + 1);
        int sp = rest.indexOf(' ');
        String status = (sp < 0 ? rest : rest.substring(0, sp)).toUpperCase(Locale.ROOT);
        return new Response(tag, status, sp < 0 ? "" : rest.substring(sp + 1), untagged);
    }

    /** Reads one response line; a literal at its end is read and inlined, and the line continues. */
    private String readLine() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
        while (true) {
            int start = buf.size();
            readRawLine(buf);
            String part = new String(buf.toByteArray(), start, buf.size() - start, StandardCharsets.ISO_8859_1);
            Matcher m = LITERAL_AT_END.matcher(part);
            if (!m.find()) {
                return buf.toString(StandardCharsets.UTF_8);
            }
            int n = Integer.parseInt(m.group(1));
            buf.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] literal = in.readNBytes(n);
            if (literal.length < n) {
                throw new EOFException("connection closed inside a literal");
            }
            buf.write(literal);
        }
    }

    private void readRawLine(ByteArrayOutputStream buf) throws IOException {
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n' && prev == '\r') {
                return;
            }
            if (prev >= 0) {
                buf.write(prev);
            }
            prev = b;
        }
    }

    private Set<String> fetchCapabilities() {
        Response r = send("CAPABILITY", "CAPABILITY");
        for (String line : r.untagged()) {
            if (line.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
                return parseCapabilities(line.substring(13));
            }
        }
        return Set.of();
    }

    private static Set<String> capabilityCode(Response r) {
        for (String line : withTagged(r)) {
            Matcher m = CAPABILITY_CODE.matcher(line);
            if (m.find()) {
                return parseCapabilities(m.group(1));
            }
            if (line.regionMatches(true, 0, "* CAPABILITY ", 0, 13)) {
                return parseCapabilities(line.substring(13));
            }
        }
        return null;
    }

    private static Set<String> parseCapabilities(String list) {
        Set<String> caps = new LinkedHashSet<>();
        for (String c : list.trim().split(" +")) {
            if (!c.isEmpty()) {
                caps.add(c.toUpperCase(Locale.ROOT));
            }
        }
        return Collections.unmodifiableSet(caps);
    }

    private static List<String> withTagged(Response r) {
        List<String> all = new ArrayList<>(r.untagged());
        all.add(r.text());
        return all;
    }

    private static SortedMap<Long, Long> copyUid(Response r) {
        SortedMap<Long, Long> map = new TreeMap<>();
        for (String line : withTagged(r)) {
            Matcher m = COPYUID.matcher(line);
            if (m.find()) {
                // RFC 4315: the two sets correspond in the order written, not in sorted order
                long[] src = expand(m.group(2));
                long[] dst = expand(m.group(3));
                for (int i = 0; i < Math.min(src.length, dst.length); i++) {
                    map.put(src[i], dst[i]);
                }
            }
        }
        return map;
    }

    private static long[] expand(String set) {
        List<Long> values = new ArrayList<>();
        for (String part : set.split(",")) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                values.add(Long.parseLong(part));
            } else {
                long a = Long.parseLong(part.substring(0, colon));
                long b = Long.parseLong(part.substring(colon + 1));
                for (long v = Math.min(a, b); v <= Math.max(a, b); v++) {
                    values.add(v);
                }
            }
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    private static List<String> names(Response r, String kind) {
        List<String> names = new ArrayList<>();
        String prefix = "* " + kind + " ";
        for (String line : r.untagged()) {
            if (!line.regionMatches(true, 0, prefix, 0, prefix.length())) {
                continue;
            }
            // * LIST (\HasNoChildren) "/" name   -- name is an atom, a quoted string or a literal
            int close = line.indexOf(')');
            String rest = line.substring(close + 1).trim();
            rest = rest.startsWith("NIL") ? rest.substring(3).trim() : rest.substring(rest.indexOf('"', 1) + 1).trim();
            String name;
            if (rest.startsWith("\"")) {
                name = unquote(rest);
            } else if (rest.startsWith("{")) {
                name = rest.substring(rest.indexOf("\r\n") + 2);
            } else {
                name = rest;
            }
            names.add(ModifiedUtf7.decode(name));
        }
        return names;
    }

    private static String unquote(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                b.append(s.charAt(++i));
            } else if (c == '"') {
                break;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static String mailbox(String name) {
        return quote(ModifiedUtf7.encode(name));
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static UidSet toSet(Collection<Long> uids) {
        UidSet.Builder b = UidSet.builder();
        uids.forEach(b::add);
        return b.build();
    }

    private static void requireUids(UidSet uids) {
        if (uids.isEmpty()) {
            throw new IllegalArgumentException("No UIDs given");
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
