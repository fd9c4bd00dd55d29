/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.util.Objects;

/**
 * A failure a command reports with a one-line message and an exit code. The message never holds a secret.
 */
public final class Failure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    /**
     * @param exitCode the exit code
     * @param message the one-line message
     * @param cause the cause, shown with --verbose, or null
     */
    public Failure(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    /** @return a failure without cause */
    public static Failure of(ExitCode exitCode, String message) {
        return new Failure(exitCode, message, null);
    }

    /** @return the exit code */
    public ExitCode exitCode() {
        return exitCode;
    }
}
