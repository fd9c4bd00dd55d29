/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;

import javax.net.SocketFactory;

/**
 * Hands Angus the session's {@link MeteredSocket} (property {@code mail.imap.socketFactory}). Angus asks for
 * an unconnected socket and connects it itself, with the timeouts from the session properties. One factory
 * per session, good for one socket.
 */
final class MeteredSocketFactory extends SocketFactory {

    private final MeteredSocket socket;
    private boolean handedOut;

    MeteredSocketFactory(MeteredSocket socket) {
        this.socket = socket;
    }

    @Override
    public synchronized Socket createSocket() throws IOException {
        if (handedOut) {
            throw new SocketException("a session opens one socket only");
        }
        handedOut = true;
        return socket;
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
        return new SocketException("only unconnected sockets are made here");
    }
}
