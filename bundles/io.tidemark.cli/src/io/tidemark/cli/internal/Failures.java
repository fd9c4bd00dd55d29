/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.Optional;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IStatus;

import io.tidemark.imap.api.ImapStatus;
import io.tidemark.model.CodedStatus;
import io.tidemark.store.api.StoreStatus;
import io.tidemark.sync.api.SyncError;
import io.tidemark.sync.api.SyncStatus;

/**
 * Maps the coded statuses of the transport, the store and the engine to exit codes and one-line messages.
 */
final class Failures {

    private Failures() {
    }

    /** @return the failure a {@link CoreException} stands for */
    static Failure of(CoreException e) {
        IStatus s = e.getStatus();
        // a thrown status stopped the command whatever its severity (ACCOUNT_BUSY is a retryable warning)
        CodedStatus coded = worst(s).or(() -> CodedStatus.find(s)).orElse(null);
        ExitCode code = coded == null ? (s.getSeverity() == IStatus.CANCEL ? ExitCode.CANCELED : ExitCode.INTERNAL)
                : exitCode(coded);
        String message = coded != null ? coded.getMessage() : s.getMessage();
        return new Failure(code, oneLine(message), e);
    }

    /**
     * @param status the status of a sync that ran (a multi-status with one child per failed mailbox)
     * @return the exit code it stands for: OK for OK and warnings
     */
    static ExitCode exitCode(IStatus status) {
        if (status == null || !status.matches(IStatus.ERROR | IStatus.CANCEL)) {
            return ExitCode.OK;
        }
        Optional<CodedStatus> coded = worst(status);
        if (coded.isEmpty()) {
            return status.matches(IStatus.CANCEL) ? ExitCode.CANCELED : ExitCode.PARTIAL;
        }
        ExitCode c = exitCode(coded.get());
        return c == ExitCode.PROTOCOL || c == ExitCode.INTERNAL ? ExitCode.PARTIAL : c;
    }

    /** @return the exit code of one coded status */
    static ExitCode exitCode(CodedStatus c) {
        if (c instanceof ImapStatus is) {
            return switch (is.error()) {
                case AUTHENTICATION -> ExitCode.AUTHENTICATION;
                case UNKNOWN_HOST -> ExitCode.UNKNOWN_HOST;
                case CONNECTION_REFUSED -> ExitCode.CONNECTION_REFUSED;
                case TIMEOUT -> ExitCode.TIMEOUT;
                case TLS_TRUST -> ExitCode.TLS_UNTRUSTED;
                case MAILBOX_MISSING -> ExitCode.FOLDER_NOT_FOUND;
                case NETWORK, SERVER_BYE, TLS_HANDSHAKE, THROTTLED -> ExitCode.NETWORK;
                case COMMAND_REJECTED, PROTOCOL, CAPABILITY_MISSING -> ExitCode.PROTOCOL;
                case CANCELED -> ExitCode.CANCELED;
                case CONFIGURATION -> ExitCode.CONFIG;
            };
        }
        if (c instanceof StoreStatus ss) {
            return switch (ss.error()) {
                case LOCKED -> ExitCode.STORE_LOCKED;
                case UNWRITABLE -> ExitCode.STORE_UNWRITABLE;
                case SCHEMA_NEWER -> ExitCode.STORE_SCHEMA_NEWER;
                case NOT_FOUND -> ExitCode.NOT_FOUND;
                default -> ExitCode.STORE;
            };
        }
        if (c instanceof SyncStatus sy) {
            return switch (sy.error()) {
                case CANCEL -> ExitCode.CANCELED;
                case MAILBOX_NOT_FOUND -> ExitCode.FOLDER_NOT_FOUND;
                case ACCOUNT_BUSY -> ExitCode.ACCOUNT_BUSY;
                case INTERNAL -> ExitCode.INTERNAL;
                default -> ExitCode.PARTIAL;
            };
        }
        return ExitCode.INTERNAL;
    }

    /**
     * @return the most telling coded status of a tree: a folder that is missing before other mailbox failures,
     *         else the first error (or cancellation) found depth first
     */
    static Optional<CodedStatus> worst(IStatus status) {
        Optional<CodedStatus> missing = find(status, true);
        return missing.isPresent() ? missing : find(status, false);
    }

    private static Optional<CodedStatus> find(IStatus status, boolean onlyMissing) {
        if (status == null) {
            return Optional.empty();
        }
        if (status instanceof CodedStatus c && status.matches(IStatus.ERROR | IStatus.CANCEL)
                && (!onlyMissing || exitCode(c) == ExitCode.FOLDER_NOT_FOUND)) {
            return Optional.of(c);
        }
        for (IStatus child : status.getChildren()) {
            Optional<CodedStatus> found = find(child, onlyMissing);
            if (found.isPresent()) {
                return found;
            }
        }
        if (status.getException() instanceof CoreException ce && ce.getStatus() != status) {
            return find(ce.getStatus(), onlyMissing);
        }
        return Optional.empty();
    }

    /** @return the first line of a message, trimmed */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "failed";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }
}
