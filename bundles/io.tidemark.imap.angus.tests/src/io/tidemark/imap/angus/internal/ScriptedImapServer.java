/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake IMAP server that plays one conversation script, for exact wire checks and for the failures real
 * servers rarely show. Listens on 127.0.0.1, on a free port, for one connection.
 * <p>
 * Script lines (files under {@code scripts/}, in the style of Apache James MPT):
 * <ul>
 * <li>{@code S: text} sends {@code text} and CRLF; a first token {@code $} (and a quoted {@code "$"}) is
 * replaced by the tag of the last client command; {@code \xHH} sends a raw byte. {@code S+: text} sends {@code text} without CRLF (to cut a literal short).</li>
 * <li>{@code C: text} expects one logical client line exactly; a first token {@code $} matches any tag and
 * remembers it. Literal data is part of the line, with CR and LF written as {@code \r} and {@code \n}
 * (<code>$ APPEND "INBOX" {5+}\r\nhello</code>). After a synchronizing literal <code>{n}</code> the
 * script sends the go-ahead and the next {@code C:} line starts with the literal data.</li>
 * <li>{@code C~: regex} expects a client line matching the regular expression (tag binding as above).</li>
 * <li>{@code STARTTLS} switches to TLS (server side) after the script has answered the client's STARTTLS.</li>
 * <li>{@code COMPRESS} switches both directions to raw DEFLATE (after the script answered COMPRESS).</li>
 * <li>{@code STALL} stops reading altogether until the test closes the server.</li>
 * <li>{@code SILENT} stops answering: reads and drops input until the client closes.</li>
 * <li>{@code CLOSE} closes the connection.</li>
 * <li>{@code INCLUDE: name} inserts {@code scripts/name.imap} (the common login and logout).</li>
 * <li>{@code # ...} and blank lines are ignored.</li>
 * </ul>
 * When the script ends the server waits for the client to close; more client input is a mismatch. The
 * first mismatch ends the conversation; {@link #verify()} reports it.
 */
final class ScriptedImapServer implements AutoCloseable {

    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)(\\+|-)?\\}$");

    private final List<String> script;
    private final String name;
    private final javax.net.ssl.SSLContext tls;
    private final boolean implicitTls;
    private InputStream in;
    private OutputStream out;
    private final ServerSocket server;
    private final Thread thread;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());
    private volatile Throwable failure;
    private final java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    private volatile Socket client;
    private String tag = "*";
    private long pendingLiteral = -1;

    private ScriptedImapServer(String name, List<String> script, javax.net.ssl.SSLContext tls, boolean implicitTls)
            throws IOException {
        this.name = name;
        this.script = script;
        this.tls = tls;
        this.implicitTls = implicitTls;
        this.server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.thread = new Thread(this::serve, "scripted-imap-" + name);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Starts a server for {@code scripts/<name>.imap}. */
    static ScriptedImapServer start(String name) throws IOException {
        return new ScriptedImapServer(name, load(name), null, false);
    }

    /** Starts a server for a script given as lines. */
    static ScriptedImapServer ofLines(String name, List<String> lines) throws IOException {
        return new ScriptedImapServer(name, lines, null, false);
    }

    /**
     * Starts a TLS server: implicit TLS from the first byte, or plain until the script's {@code STARTTLS}.
     */
    static ScriptedImapServer startTls(String name, javax.net.ssl.SSLContext tls, boolean implicit)
            throws IOException {
        return new ScriptedImapServer(name, load(name), tls, implicit);
    }

    static List<String> load(String name) throws IOException {
        String path = "/scripts/" + name + ".imap";
        try (InputStream in = ScriptedImapServer.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("no script " + path);
            }
            List<String> lines = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                if (l.startsWith("INCLUDE: ")) {
                    lines.addAll(load(l.substring(9).trim()));
                } else {
                    lines.add(l);
                }
            }
            return lines;
        }
    }

    int port() {
        return server.getLocalPort();
    }

    /** @return the logical client lines received so far, literals inline with CR/LF escaped */
    List<String> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Waits for the conversation to end and fails with the first mismatch, if any. */
    void verify() throws Exception {
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (thread.isAlive()) {
            throw new AssertionError("script " + name + " did not end; received " + received());
        }
        if (failure instanceof AssertionError a) {
            throw a;
        }
        if (failure != null) {
            throw new AssertionError("script " + name + " failed: " + failure, failure);
        }
    }

    @Override
    public void close() throws IOException {
        stalled.countDown();
        server.close();
        Socket c = client;
        if (c != null) {
            c.close();
        }
    }

    private void serve() {
        try (Socket s = server.accept()) {
            client = s;
            s.setSoTimeout(30_000);
            in = s.getInputStream();
            out = s.getOutputStream();
            if (implicitTls) {
                startTls(s);
            }
            for (int i = 0; i < script.size(); i++) {
                String line = script.get(i);
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("S: ") || line.equals("S:")) {
                    send(out, line.length() > 3 ? line.substring(3) : "", true);
                } else if (line.startsWith("S+: ")) {
                    send(out, line.substring(4), false);
                } else if (line.startsWith("C: ") || line.startsWith("C~: ")) {
                    boolean regex = line.startsWith("C~: ");
                    String expected = line.substring(regex ? 4 : 3);
                    String actual = readLogicalLine(in);
                    if (actual == null) {
                        throw new AssertionError(where(i) + "expected client line '" + expected
                                + "' but the client closed the connection; received " + received());
                    }
                    match(i, expected, actual, regex);
                } else if (line.equals("STARTTLS")) {
                    startTls(s);
                } else if (line.equals("COMPRESS")) {
                    // RFC 4978: raw DEFLATE both ways from here on; each server line is sync-flushed
                    in = new java.util.zip.InflaterInputStream(in, new java.util.zip.Inflater(true));
                    out = new java.util.zip.DeflaterOutputStream(out,
                            new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true), true);
                } else if (line.equals("STALL")) {
                    // stop reading: the client's writes block once the socket buffers are full
                    stalled.await(30, TimeUnit.SECONDS);
                    return;
                } else if (line.equals("SILENT")) {
                    drain(in);
                    return;
                } else if (line.equals("CLOSE")) {
                    return;
                } else {
                    throw new AssertionError(where(i) + "unknown script line: " + line);
                }
            }
            String extra = readLogicalLine(in);
            if (extra != null) {
                throw new AssertionError("script " + name + " ended, but the client sent '" + extra + "'");
            }
        } catch (Throwable t) {
            failure = t;
        }
    }

    private void startTls(Socket s) throws IOException {
        javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket(s, null,
                s.getPort(), false);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        in = ssl.getInputStream();
        out = ssl.getOutputStream();
    }

    private String where(int index) {
        return "script " + name + " line " + (index + 1) + ": ";
    }

    private void match(int index, String expected, String actual, boolean regex) {
        String exp = expected;
        String act = actual;
        if (exp.startsWith("$ ") || exp.equals("$")) {
            int sp = act.indexOf(' ');
            String actualTag = sp < 0 ? act : act.substring(0, sp);
            tag = actualTag;
            exp = exp.substring(1);
            act = act.substring(actualTag.length());
        }
        boolean ok = regex ? Pattern.compile(exp).matcher(act).matches() : exp.equals(act);
        if (!ok) {
            throw new AssertionError(where(index) + "expected client line\n  '" + expected + "'\nbut got\n  '"
                    + actual + "'");
        }
    }

    private void send(OutputStream out, String text, boolean crlf) throws IOException {
        String t = text;
        if (t.startsWith("$ ") || t.equals("$")) {
            t = tag + t.substring(1);
        }
        t = t.replace("\"$\"", "\"" + tag + "\"");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(unescape(t));
        if (crlf) {
            b.writeBytes(new byte[] { '\r', '\n' });
        }
        out.write(b.toByteArray());
        out.flush();
    }

    /** {@code \xHH} in server lines sends a raw byte (e.g. 8-bit data); {@code \\} a backslash. */
    private static byte[] unescape(String t) {
        if (t.indexOf("\\x") < 0) {
            return t.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '\\' && i + 3 < t.length() && t.charAt(i + 1) == 'x') {
                b.write(Integer.parseInt(t.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                b.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return b.toByteArray();
    }

    /**
     * Reads one logical client line: up to CRLF, with non-synchronizing literals read inline; a line
     * ending in a synchronizing literal ends there (the script answers with a go-ahead) and the next read
     * starts with that literal's data.
     *
     * @return the line with CR/LF inside literals escaped, or null at end of stream
     */
    private String readLogicalLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean any = false;
        if (pendingLiteral >= 0) {
            appendLiteral(in, sb, pendingLiteral);
            pendingLiteral = -1;
            any = true;
        }
        while (true) {
            String physical = readPhysicalLine(in);
            if (physical == null) {
                return any || sb.length() > 0 ? fail("client closed the connection inside a command") : null;
            }
            sb.append(physical);
            Matcher m = LITERAL.matcher(physical);
            if (!m.find()) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            if (m.group(2) == null) {
                pendingLiteral = n; // synchronizing: the script sends the go-ahead first
                break;
            }
            sb.append("\\r\\n");
            appendLiteral(in, sb, n);
        }
        String line = sb.toString();
        received.add(line);
        return line;
    }

    private static String fail(String why) throws IOException {
        throw new IOException(why);
    }

    private void appendLiteral(InputStream in, StringBuilder sb, long n) throws IOException {
        byte[] data = in.readNBytes((int) n);
        if (data.length < n) {
            throw new IOException("client closed the connection inside a literal");
        }
        String s = new String(data, StandardCharsets.UTF_8);
        sb.append(s.replace("\r", "\\r").replace("\n", "\\n"));
    }

    private static String readPhysicalLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int prev = -1;
        while (true) {
            int c;
            try {
                c = in.read();
            } catch (SocketTimeoutException e) {
                throw new IOException("client sent nothing for 30 s");
            } catch (IOException e) {
                return b.size() == 0 ? null : fail("connection broke inside a line");
            }
            if (c < 0) {
                return b.size() == 0 ? null : fail("client closed the connection inside a line");
            }
            if (c == '\n' && prev == '\r') {
                byte[] a = b.toByteArray();
                return new String(a, 0, a.length - 1, StandardCharsets.UTF_8);
            }
            b.write(c);
            prev = c;
        }
    }

    private static void drain(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // drop
            }
        } catch (IOException e) {
            // the client closed or reset the connection: the end of a silent script
        }
    }
}
