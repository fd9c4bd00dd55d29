/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.testing.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.opentest4j.TestAbortedException;

/**
 * The project rule for tests that need an external program: when the environment variable {@code CI} is
 * set the test fails with a message naming the apt package; elsewhere it is aborted (reported as skipped)
 * with the same message, so a developer without the package sees why instead of a silent pass.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * Checks that every path is an executable file.
     *
     * @param what what needs the programs, e.g. "Dovecot fixture"
     * @param aptPackage the Debian package that installs them
     * @param executables the programs
     * @throws IllegalStateException under CI if one is missing
     * @throws TestAbortedException outside CI if one is missing
     */
    public static void requireExecutables(String what, String aptPackage, Path... executables) {
        for (Path p : executables) {
            if (!Files.isExecutable(p)) {
                throw missing(what + " needs " + p + ", which is missing: install the apt package '" + aptPackage
                        + "' (apt-get install -y " + aptPackage + ")");
            }
        }
    }

    /**
     * @param message the complete message, naming the apt package
     * @return the exception to throw: {@link IllegalStateException} when {@code CI} is set, else a
     *         {@link TestAbortedException}
     */
    public static RuntimeException missing(String message) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank()) {
            return new IllegalStateException(message);
        }
        return new TestAbortedException(message);
    }
}
