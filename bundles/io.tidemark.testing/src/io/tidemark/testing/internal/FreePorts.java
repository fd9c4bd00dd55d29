/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Free loopback ports, and waiting for a server to listen on one. */
public final class FreePorts {

    /** The only address fixtures bind to. */
    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /**
     * @return a port that was free on 127.0.0.1 a moment ago (the caller retries if a race takes it)
     */
    public static int find() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + LOOPBACK, e);
        }
    }

    /**
     * Polls until a TCP connection to 127.0.0.1:port succeeds.
     *
     * @param port the port
     * @param timeout the longest wait
     * @param stillStarting false once the server process has died, which ends the wait early
     * @return true if the port accepted a connection
     */
    public static boolean awaitListening(int port, Duration timeout, BooleanSupplier stillStarting) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return true;
            } catch (IOException e) {
                if (!stillStarting.getAsBoolean()) {
                    return false;
                }
                try {
                    Thread.sleep(3);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }
}
