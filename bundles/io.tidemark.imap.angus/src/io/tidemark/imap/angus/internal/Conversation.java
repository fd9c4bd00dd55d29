/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.imap.angus.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.angus.mail.iap.ProtocolException;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;

import io.tidemark.imap.api.FetchedMessage;
import io.tidemark.imap.api.IdleListener;
import io.tidemark.imap.api.ImapError;
import io.tidemark.imap.api.ServerEvent;
import io.tidemark.imap.api.ServerEventListener;

/**
 * Runs commands on one connection: writes a {@link Command} with a tag of its own (sending literals
 * non-synchronizing where LITERAL+/LITERAL- allow, else waiting for the server's go-ahead), then reads one
 * response at a time until the tagged one, handing each to the command's {@link Handler} or, if it does not
 * answer the command, to the session's {@link ServerEventListener}.
 * <p>
 * Failures are mapped once, here: a malformed response is remembered, the rest of the command is still read
 * (so the connection stays in step) and then a protocol error with the offending line is thrown; an
 * exception from a sink or listener is remembered, the command is read to its end and the exception is
 * rethrown; an I/O failure, timeout or cancellation closes the connection.
 * <p>
 * Used by one thread at a time; {@link #abort()} and the write of IDLE's DONE may come from other threads.
 */
final class Conversation {

    /**
     * The part of a command that understands its responses. Each method returns whether the response
     * answers the command; a response no handler claims becomes a {@link ServerEvent} (or is ignored if it
     * is not an event).
     */
    interface Handler {
        /** An untagged status (OK/NO/BAD without ALERT) or any other untagged response. */
        default boolean untagged(WireResponse r) throws CoreException {
            return false;
        }

        /** A FETCH response. */
        default boolean fetch(WireFetchResponse r) throws CoreException {
            return false;
        }

        /**
         * @return whether a FETCH response answers the command, without delivering it: used after the
         *         command's sink failed, so that answers are dropped rather than turned into events
         */
        default boolean claims(WireFetchResponse r) {
            return false;
        }

        /** A {@code VANISHED (EARLIER)} response. */
        default boolean vanishedEarlier(Vanished v) throws CoreException {
            return false;
        }

        /** An EXISTS response. */
        default boolean exists(long count) {
            return false;
        }

        /** A continuation request outside a literal (IDLE). */
        default boolean continuation(WireResponse r) {
            return false;
        }

        /** An event delivered to the session listener during this command (IDLE also passes it on). */
        default void delivered(ServerEvent e) {
        }

        /** @return whether a tagged NO still completes the command (a STORE answered with MODIFIED) */
        default boolean acceptsNo(WireResponse tagged) {
            return false;
        }
    }

    /** A handler that claims nothing. */
    static final Handler NONE = new Handler() {
    };

    private final WireProtocol proto;
    private final MeteredSocket socket;
    private final ServerEventListener events;
    private final Failures failures;
    private final ScheduledExecutorService scheduler;
    private final Object writeLock = new Object();
    private long tags;
    private volatile boolean closed;
    private volatile String bye;
    private long exists = -1;
    private volatile boolean nonSyncLiterals;
    private volatile boolean literalMinus;
    private volatile IdleRound currentIdle;
    private final AtomicBoolean wakeRequested = new AtomicBoolean();

    /** What ended one round of IDLE. */
    enum IdleStop {
        /** Time to send DONE and IDLE again. */
        REISSUE,
        /** The listener asked to stop. */
        LISTENER,
        /** {@link #wakeUp()} was called. */
        WOKEN,
        /** The monitor was canceled. */
        CANCELED,
        /** The longest IDLE passed. */
        TIMEOUT
    }

    Conversation(WireProtocol proto, MeteredSocket socket, ServerEventListener events, Failures failures,
            ScheduledExecutorService scheduler) {
        this.proto = proto;
        this.socket = socket;
        this.events = events;
        this.failures = failures;
        this.scheduler = scheduler;
    }

    /** @param plus LITERAL+ offered; @param minus LITERAL- offered */
    void literals(boolean plus, boolean minus) {
        nonSyncLiterals = plus;
        literalMinus = minus;
    }

    WireProtocol protocol() {
        return proto;
    }

    MeteredSocket socket() {
        return socket;
    }

    Failures failures() {
        return failures;
    }

    boolean isOpen() {
        return !closed && !socket.isClosed();
    }

    /** Delivers an event to the session listener (for handlers that hold responses back). */
    void emit(ServerEvent e) {
        events.event(e);
    }

    /** @return the last EXISTS count seen, adjusted by EXPUNGE and VANISHED; -1 before any */
    long exists() {
        return exists;
    }

    /** Closes the socket at once; any thread. */
    void abort() {
        closed = true;
        socket.abort(MeteredSocket.AbortReason.CANCELED);
    }

    /** Closes the connection without a word (after a failure that leaves it out of step). */
    void closeQuietly() {
        closed = true;
        proto.drop();
    }

    void markClosed() {
        closed = true;
    }

    /**
     * Runs one command to its tagged response.
     *
     * @return the tagged OK response
     * @throws CoreException a mapped failure; see the class comment
     */
    WireResponse run(Command cmd, Handler h, IProgressMonitor monitor) throws CoreException {
        Exchange x = new Exchange(cmd, h, monitor);
        if (!isOpen()) {
            throw failures.of(socket.abortReason() == MeteredSocket.AbortReason.CANCELED ? ImapError.CANCELED
                    : ImapError.NETWORK, cmd.mailbox(), cmd.verb() + ": the session is closed", null);
        }
        x.checkCanceled();
        ScheduledFuture<?> watch = watchCancel(monitor);
        try {
            String tag = nextTag();
            WireResponse tagged = write(tag, x);
            if (tagged == null) {
                tagged = readUntil(tag, x, false);
            }
            return x.finish(tagged);
        } catch (IOException e) {
            throw x.ioFailure(e);
        } finally {
            if (watch != null) {
                watch.cancel(false);
            }
        }
    }

    /** Polls the monitor while a read blocks, so that cancellation reaches the socket. */
    private ScheduledFuture<?> watchCancel(IProgressMonitor monitor) {
        if (monitor == null) {
            return null;
        }
        return scheduler.scheduleWithFixedDelay(() -> {
            if (monitor.isCanceled()) {
                socket.abort(MeteredSocket.AbortReason.CANCELED);
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
    }

    private String nextTag() {
        // Lower case: Angus's own tags (used before authentication) are upper-case letters and digits.
        return "t" + (++tags);
    }

    /**
     * Writes the command; for a synchronizing literal waits for the go-ahead.
     *
     * @return null once everything is written, or the tagged response if the server refused a literal
     */
    private WireResponse write(String tag, Exchange x) throws IOException, CoreException {
        OutputStream out = proto.wireOut();
        StringBuilder pending = new StringBuilder(tag).append(' ');
        for (Object part : x.cmd.parts()) {
            if (part instanceof String s) {
                pending.append(s);
                continue;
            }
            byte[] data = ((Command.Literal) part).data();
            // RFC 7888: LITERAL+ allows any non-synchronizing literal, LITERAL- those up to 4096 bytes.
            boolean nonSync = nonSyncLiterals || literalMinus && data.length <= 4096;
            pending.append('{').append(data.length).append(nonSync ? "+}\r\n" : "}\r\n");
            synchronized (writeLock) {
                out.write(pending.toString().getBytes(StandardCharsets.US_ASCII));
                pending.setLength(0);
                if (!nonSync) {
                    out.flush();
                }
            }
            if (!nonSync) {
                WireResponse refused = readUntil(tag, x, true);
                if (refused != null) {
                    return refused;
                }
            }
            synchronized (writeLock) {
                out.write(data);
            }
        }
        pending.append("\r\n");
        synchronized (writeLock) {
            out.write(pending.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        return null;
    }

    /**
     * Ends a running IDLE (from any thread), or makes the next one return at once: a wake-up that comes
     * while no IDLE runs is kept, so that one arriving between two rounds is not lost.
     */
    void wakeUp() {
        wakeRequested.set(true);
        IdleRound r = currentIdle;
        if (r != null) {
            r.stop(IdleStop.WOKEN);
        }
    }

    /** @return whether a wake-up was pending (and clears it) */
    boolean takeWakeUp() {
        return wakeRequested.getAndSet(false);
    }

    /**
     * One IDLE command (RFC 2177): IDLE, wait for the continuation, deliver what the server pushes to the
     * session listener and to {@code listener}, and send DONE when the listener says stop, {@link #wakeUp()}
     * is called, the monitor is canceled, or {@code reissueAt}/{@code deadline} (System.nanoTime) pass. A
     * scheduler task watches the clock and the monitor, since the reading thread is blocked; if the server
     * does not end the IDLE within the read timeout after DONE, the socket is closed (TIMEOUT).
     *
     * @return why the round ended; {@link IdleStop#REISSUE} also when the server ended it on its own
     */
    IdleStop idleRound(IdleListener listener, long reissueAt, long deadline, IProgressMonitor monitor,
            int readTimeoutMillis) throws CoreException {
        IdleRound round = new IdleRound();
        Handler h = new Handler() {
            @Override
            public boolean continuation(WireResponse r) {
                round.idling();
                return true;
            }

            @Override
            public void delivered(ServerEvent e) {
                boolean more;
                try {
                    more = listener.event(e);
                } catch (RuntimeException | Error t) {
                    round.stop(IdleStop.LISTENER);
                    throw t;
                }
                if (!more) {
                    round.stop(IdleStop.LISTENER);
                }
            }
        };
        int normalTimeout;
        try {
            normalTimeout = socket.getSoTimeout();
            // A backstop only: the supervisor ends the round in time and watches the answer to DONE.
            long backstop = Math.max(0, (reissueAt - System.nanoTime()) / 1_000_000L) + 2L * readTimeoutMillis;
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, backstop));
        } catch (IOException e) {
            closeQuietly();
            throw failures.io("IDLE", null, e, socket.abortReason(), bye);
        }
        currentIdle = round;
        if (wakeRequested.get()) {
            round.stop(IdleStop.WOKEN);
        }
        long readTimeoutNanos = readTimeoutMillis * 1_000_000L;
        ScheduledFuture<?> supervisor = scheduler.scheduleWithFixedDelay(() -> {
            long now = System.nanoTime();
            long doneAt = round.doneAt();
            if (doneAt != 0) {
                if (now - doneAt > readTimeoutNanos) {
                    socket.abort(MeteredSocket.AbortReason.TIMEOUT);
                }
            } else if (monitor != null && monitor.isCanceled()) {
                round.stop(IdleStop.CANCELED);
            } else if (now - deadline >= 0) {
                round.stop(IdleStop.TIMEOUT);
            } else if (now - reissueAt >= 0) {
                round.stop(IdleStop.REISSUE);
            }
        }, 100, 100, TimeUnit.MILLISECONDS);
        try {
            run(Command.builder("IDLE").build(), h, null);
        } finally {
            supervisor.cancel(false);
            currentIdle = null;
            if (isOpen()) {
                try {
                    socket.setSoTimeout(normalTimeout);
                } catch (IOException e) {
                    // the next command will find the socket closed
                }
            }
        }
        IdleStop reason = round.reason();
        if (reason == IdleStop.WOKEN) {
            wakeRequested.set(false);
        }
        return reason == null ? IdleStop.REISSUE : reason;
    }

    /** The state of one IDLE command, shared by the reading thread, the supervisor and wakeUp(). */
    private final class IdleRound {
        private boolean idling;
        private IdleStop reason;
        private volatile long doneAt;

        synchronized void idling() {
            idling = true;
            if (reason != null) {
                sendDone();
            }
        }

        synchronized void stop(IdleStop why) {
            if (reason != null) {
                return;
            }
            reason = why;
            if (idling) {
                sendDone();
            }
        }

        synchronized IdleStop reason() {
            return reason;
        }

        long doneAt() {
            return doneAt;
        }

        private void sendDone() {
            if (doneAt != 0) {
                return;
            }
            doneAt = Math.max(1, System.nanoTime());
            try {
                writeDone();
            } catch (IOException e) {
                // The reading thread sees the broken connection.
                socket.abort(MeteredSocket.AbortReason.TIMEOUT);
            }
        }
    }

    /** Writes a line of continuation data (a SASL response); not a command. */
    void writeContinuation(String line) throws IOException {
        synchronized (writeLock) {
            socket.outTap().nextLineIsNotACommand();
            OutputStream out = proto.wireOut();
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Writes IDLE's DONE from any thread; not a command. */
    void writeDone() throws IOException {
        synchronized (writeLock) {
            socket.outTap().nextLineIsNotACommand();
            OutputStream out = proto.wireOut();
            out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /**
     * Reads responses until the tagged one (or, if {@code continuation}, until a continuation request).
     *
     * @return the tagged response, or null when a continuation request ended the wait
     */
    private WireResponse readUntil(String tag, Exchange x, boolean continuation) throws IOException,
            CoreException {
        while (true) {
            x.checkCanceled();
            Response r;
            try {
                r = proto.readResponse();
            } catch (MalformedResponseException e) {
                x.problem(e.line(), e.getMessage());
                continue;
            } catch (ProtocolException e) {
                x.problem("(unreadable)", String.valueOf(e.getMessage()));
                continue;
            } catch (RuntimeException e) {
                // Angus reads a whole response before parsing it; a parser bug leaves the stream in step.
                x.problem("(unreadable)", e.toString());
                continue;
            }
            if (r instanceof WireFetchResponse f) {
                x.fetch(f);
                continue;
            }
            WireResponse w = (WireResponse) r;
            if (w.isTagged()) {
                if (tag.equals(w.getTag())) {
                    return w;
                }
                x.problem(w.shown(), "a tagged response to no command of this session");
            } else if (w.isContinuation()) {
                if (continuation) {
                    return null;
                }
                if (!x.h.continuation(w)) {
                    x.problem(w.shown(), "a continuation request nothing waits for");
                }
            } else if (w.isUnTagged()) {
                x.untagged(w);
            } else {
                x.problem(w.shown(), "neither a tagged nor an untagged response");
            }
        }
    }

    /** The state of one running command. */
    private final class Exchange {
        final Command cmd;
        final Handler h;
        final IProgressMonitor monitor;
        String problemLine;
        String problem;
        Throwable consumerFailure;

        Exchange(Command cmd, Handler h, IProgressMonitor monitor) {
            this.cmd = cmd;
            this.h = h;
            this.monitor = monitor;
        }

        void checkCanceled() throws CoreException {
            if (monitor != null && monitor.isCanceled()) {
                abort();
                throw failures.of(ImapError.CANCELED, cmd.mailbox(), cmd.verb() + " was canceled", null);
            }
        }

        void problem(String line, String what) {
            if (problem == null) {
                problemLine = line;
                problem = what;
            }
        }

        void consumerFailed(Throwable t) {
            if (consumerFailure == null) {
                consumerFailure = t;
            }
        }

        void fetch(WireFetchResponse f) {
            try {
                if (consumerFailure == null ? h.fetch(f) : h.claims(f)) {
                    return;
                }
            } catch (ResponseFormatException e) {
                problem(f.shown(), e.getMessage());
                return;
            } catch (CoreException | RuntimeException | Error e) {
                consumerFailed(e);
                return;
            }
            FetchedMessage m;
            try {
                m = FetchDecoder.decode(f);
            } catch (ResponseFormatException e) {
                problem(f.shown(), e.getMessage());
                return;
            }
            emit(new ServerEvent.FlagsChanged(m));
        }

        void untagged(WireResponse w) {
            try {
                if (w.isBYE()) {
                    bye = w.shownRest();
                    emit(new ServerEvent.Bye(bye));
                    return;
                }
                if (w.isOK() || w.isNO() || w.isBAD()) {
                    ResponseCode code = ResponseCode.of(w);
                    if (code != null && code.is("ALERT")) {
                        emit(new ServerEvent.Alert(w.shownRest()));
                    } else if (consumerFailure == null) {
                        h.untagged(w);
                    }
                    return;
                }
                String key = w.getKey() == null ? "" : w.getKey().toUpperCase(Locale.ROOT);
                switch (key) {
                    case "EXISTS" -> {
                        exists = w.getNumber();
                        if (consumerFailure != null || !h.exists(exists)) {
                            emit(new ServerEvent.Exists(exists));
                        }
                    }
                    case "EXPUNGE" -> {
                        if (exists > 0) {
                            exists--;
                        }
                        emit(new ServerEvent.Expunge(w.getNumber()));
                    }
                    case "VANISHED" -> {
                        Vanished v = Vanished.of(w);
                        if (v.earlier() && consumerFailure == null && h.vanishedEarlier(v)) {
                            return;
                        }
                        if (!v.earlier() && exists > 0) {
                            exists = Math.max(0, exists - v.uids().size());
                        }
                        emit(new ServerEvent.Vanished(v.uids(), v.earlier()));
                    }
                    case "RECENT" -> {
                        // session state, not a message attribute; nothing to do
                    }
                    default -> {
                        if (consumerFailure == null) {
                            h.untagged(w);
                        }
                    }
                }
            } catch (ResponseFormatException e) {
                problem(w.shown(), e.getMessage());
            } catch (CoreException | RuntimeException | Error e) {
                consumerFailed(e);
            }
        }

        void emit(ServerEvent e) {
            try {
                events.event(e);
                h.delivered(e);
            } catch (RuntimeException | Error t) {
                consumerFailed(t);
            }
        }

        WireResponse finish(WireResponse tagged) throws CoreException {
            if (problem != null) {
                throw failures.protocol(cmd.verb(), cmd.mailbox(), problemLine, problem);
            }
            if (consumerFailure != null) {
                rethrow(consumerFailure);
            }
            if (tagged.isOK() || tagged.isNO() && h.acceptsNo(tagged)) {
                return tagged;
            }
            throw failures.rejected(cmd.verb(), cmd.mailbox(), cmd.mayBeMissing(), tagged);
        }

        CoreException ioFailure(IOException e) {
            MeteredSocket.AbortReason reason = socket.abortReason();
            closeQuietly();
            if (problem != null && reason != MeteredSocket.AbortReason.CANCELED) {
                return failures.protocol(cmd.verb(), cmd.mailbox(), problemLine, problem);
            }
            return failures.io(cmd.verb(), cmd.mailbox(), e, reason, bye);
        }
    }

    private static void rethrow(Throwable t) throws CoreException {
        if (t instanceof CoreException c) {
            throw c;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        throw (Error) t;
    }
}
