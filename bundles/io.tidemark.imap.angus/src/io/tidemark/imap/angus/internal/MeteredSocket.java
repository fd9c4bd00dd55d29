/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The one socket of a session, handed to Angus through {@link MeteredSocketFactory} so that this bundle, not
 * Angus, owns everything below the IMAP parser:
 * <ul>
 * <li>TLS: implicit TLS happens inside {@link #connect}; STARTTLS and COMPRESS happen in {@link #upgrade()},
 * which Angus reaches through {@link LayerUpgrader}. Either way the handshake checks the certificate with the
 * JDK trust store and the host name (or the pinned fingerprint), under the connect timeout.</li>
 * <li>Timeouts: reads time out after the read timeout (set by Angus from the session properties); writes
 * are watched by the session's scheduler and close the socket when they block longer than the write
 * timeout (Java sockets have no write timeout of their own).</li>
 * <li>{@link #abort(AbortReason)} closes the TCP socket from any thread, so a read blocked anywhere above
 * returns at once with an exception; the reason tells the session how to report it.</li>
 * <li>Metering and tracing: the streams handed out pass every application byte through a {@link WireTap}
 * per direction.</li>
 * </ul>
 * This class is deliberately not an {@link SSLSocket}, so Angus never wraps it in TLS of its own.
 */
final class MeteredSocket extends Socket {

    /** Why a socket was closed from outside the reading thread. */
    enum AbortReason {
        /** {@code abort()} or a canceled monitor. */
        CANCELED,
        /** A write or an IDLE's DONE did not complete within its timeout. */
        TIMEOUT
    }

    /** What the next {@link #upgrade()} does. */
    enum Upgrade {
        TLS, DEFLATE
    }

    private final Socket plain = new Socket();
    private final SocketSettings settings;
    private final WireTap inTap;
    private final WireTap outTap;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<AbortReason> abortReason = new AtomicReference<>();
    private volatile SSLSocket tls;
    private volatile boolean compressed;
    private volatile Upgrade pendingUpgrade;
    private volatile InputStream in;
    private volatile OutputStream out;
    private Inflater inflater;
    private Deflater deflater;

    /**
     * Connection settings of one session.
     *
     * @param host the server host, for SNI and host-name verification
     * @param port the server port
     * @param implicitTls whether to start TLS right after connecting (IMAPS)
     * @param tlsFactory makes the TLS layer (trust store or pinned certificate)
     * @param connectTimeoutMillis TCP connect plus TLS handshake bound
     * @param writeTimeoutMillis the longest a single write may block
     */
    record SocketSettings(String host, int port, boolean implicitTls, SSLSocketFactory tlsFactory,
            int connectTimeoutMillis, int writeTimeoutMillis) {
    }

    MeteredSocket(SocketSettings settings, WireTap inTap, WireTap outTap, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.inTap = inTap;
        this.outTap = outTap;
        this.scheduler = scheduler;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, settings.connectTimeoutMillis());
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        // The session's own connect timeout wins: Angus passes -1 (none) unless told otherwise.
        plain.connect(endpoint, settings.connectTimeoutMillis());
        plain.setTcpNoDelay(true);
        plain.setKeepAlive(true);
        if (settings.implicitTls()) {
            startTls();
        }
        rebuildStreams();
    }

    /** Arms the next {@link #upgrade()}. */
    void prepareUpgrade(Upgrade upgrade) {
        pendingUpgrade = upgrade;
    }

    /**
     * Applies the upgrade armed by {@link #prepareUpgrade}, after the server accepted STARTTLS or COMPRESS.
     * Called by Angus (through {@link LayerUpgrader}) right before it re-reads the streams.
     */
    void upgrade() throws IOException {
        Upgrade u = pendingUpgrade;
        pendingUpgrade = null;
        if (u == null) {
            throw new IOException("no connection upgrade was prepared");
        }
        if (u == Upgrade.TLS) {
            startTls();
        } else {
            compressed = true;
        }
        rebuildStreams();
    }

    private void startTls() throws IOException {
        if (tls != null) {
            throw new IOException("TLS is already active");
        }
        SSLSocket s = (SSLSocket) settings.tlsFactory().createSocket(plain, settings.host(), settings.port(), true);
        SSLParameters p = s.getSSLParameters();
        // Host-name verification by the JDK trust manager (RFC 6125 rules as for HTTPS, which allow the
        // wildcard certificates mail providers use). A pinned certificate skips it in PinnedTrustManager.
        p.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isAddressLiteral(settings.host())) {
            p.setServerNames(List.of(new SNIHostName(settings.host())));
        }
        p.setProtocols(filterProtocols(s.getSupportedProtocols()));
        s.setSSLParameters(p);
        int readTimeout = plain.getSoTimeout();
        s.setSoTimeout(settings.connectTimeoutMillis());
        try {
            s.startHandshake();
        } catch (IOException e) {
            closeQuietly(s);
            throw e;
        }
        s.setSoTimeout(readTimeout);
        tls = s;
    }

    private static String[] filterProtocols(String[] supported) {
        return java.util.Arrays.stream(supported).filter(v -> v.equals("TLSv1.2") || v.equals("TLSv1.3"))
                .toArray(String[]::new);
    }

    static boolean isAddressLiteral(String host) {
        return host.matches("[0-9.]+") || host.indexOf(':') >= 0;
    }

    private void rebuildStreams() throws IOException {
        Socket layer = tls != null ? tls : plain;
        InputStream rawIn = layer.getInputStream();
        OutputStream rawOut = layer.getOutputStream();
        if (compressed) {
            // RFC 4978: raw DEFLATE both ways; the client flushes with SYNC_FLUSH after every command.
            inflater = new Inflater(true);
            deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            rawIn = new InflaterInputStream(rawIn, inflater, 4096);
            rawOut = new DeflaterOutputStream(rawOut, deflater, 4096, true);
        }
        in = new TappedInput(rawIn);
        out = new TappedOutput(rawOut);
    }

    /** @return the reason of {@link #abort}, or null if nobody aborted the socket */
    AbortReason abortReason() {
        return abortReason.get();
    }

    /** @return the tap of the client direction */
    WireTap outTap() {
        return outTap;
    }

    /**
     * Closes the socket from any thread; the first reason given is kept. Closes the TCP socket first so that a
     * thread blocked in a TLS read is released without waiting for a TLS close_notify to be sent.
     */
    void abort(AbortReason reason) {
        abortReason.compareAndSet(null, reason);
        try {
            plain.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        closeQuietly(plain);
        SSLSocket s = tls;
        if (s != null) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public InputStream getInputStream() throws IOException {
        InputStream i = in;
        if (i == null) {
            throw new SocketException("Socket is not connected");
        }
        return i;
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        OutputStream o = out;
        if (o == null) {
            throw new SocketException("Socket is not connected");
        }
        return o;
    }

    @Override
    public synchronized void close() throws IOException {
        SSLSocket s = tls;
        if (s != null) {
            closeQuietly(s);
        }
        closeQuietly(plain);
        if (inflater != null) {
            inflater.end();
        }
        if (deflater != null) {
            deflater.end();
        }
        super.close();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        plain.setSoTimeout(timeout);
        SSLSocket s = tls;
        if (s != null) {
            s.setSoTimeout(timeout);
        }
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return plain.getSoTimeout();
    }

    @Override
    public boolean isConnected() {
        return plain.isConnected();
    }

    @Override
    public boolean isClosed() {
        return plain.isClosed();
    }

    @Override
    public boolean isBound() {
        return plain.isBound();
    }

    @Override
    public InetAddress getInetAddress() {
        return plain.getInetAddress();
    }

    @Override
    public InetAddress getLocalAddress() {
        return plain.getLocalAddress();
    }

    @Override
    public int getPort() {
        return plain.getPort();
    }

    @Override
    public int getLocalPort() {
        return plain.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return plain.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return plain.getLocalSocketAddress();
    }

    @Override
    public SocketChannel getChannel() {
        return null;
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        plain.setTcpNoDelay(on);
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        plain.setKeepAlive(on);
    }

    @Override
    public void shutdownInput() throws IOException {
        plain.shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        plain.shutdownOutput();
    }

    @Override
    public String toString() {
        return "MeteredSocket[" + settings.host() + ":" + settings.port() + (tls != null ? ", TLS" : "")
                + (compressed ? ", DEFLATE" : "") + "]";
    }

    /** Application bytes from the server, through the input tap. */
    private final class TappedInput extends FilterInputStream {
        TappedInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                inTap.bytes(b, off, n);
            }
            return n;
        }
    }

    /** Application bytes to the server, through the output tap, each write bounded by the write timeout. */
    private final class TappedOutput extends FilterOutputStream {
        TappedOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            outTap.bytes(b, off, len);
            ScheduledFuture<?> watch = watch();
            try {
                out.write(b, off, len);
            } finally {
                watch.cancel(false);
            }
        }

        @Override
        public void flush() throws IOException {
            ScheduledFuture<?> watch = watch();
            try {
                out.flush();
            } finally {
                watch.cancel(false);
            }
        }

        private ScheduledFuture<?> watch() {
            return scheduler.schedule(() -> abort(AbortReason.TIMEOUT), settings.writeTimeoutMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }
}
