/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import javax.net.ssl.SSLSocketFactory;

/**
 * Angus's hook for changing the layers of a connection (property {@code mail.imap.ssl.socketFactory}).
 * Angus's {@code Protocol.startTLS(command)} sends the command and, on OK, calls
 * {@link #createSocket(Socket, String, int, boolean)} with the current socket and then re-reads its
 * streams. Instead of wrapping the socket, this upgrader asks the {@link MeteredSocket} to apply the upgrade
 * the session prepared: TLS for STARTTLS, DEFLATE for COMPRESS. So the socket, its TLS checks and its
 * metering stay in this bundle's hands, and Angus's parser simply continues on the new streams.
 */
final class LayerUpgrader extends SSLSocketFactory {

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        if (!(s instanceof MeteredSocket m)) {
            throw new SocketException("not a session socket: " + s);
        }
        m.upgrade();
        return m;
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return new String[0];
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return new String[0];
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw unsupported();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw unsupported();
    }

    private static SocketException unsupported() {
        return new SocketException("only upgrades of a session socket are made here");
    }
}
