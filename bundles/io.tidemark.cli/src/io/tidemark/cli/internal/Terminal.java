/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * What the command knows about the terminal it runs in: whether a person watches (progress bar, prompts) and
 * how wide a line is.
 */
public interface Terminal {

    /** No terminal: scripts, pipes, tests. */
    Terminal NONE = new Terminal() {
        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public int width() {
            return 100;
        }

        @Override
        public char[] readPassword(String prompt) {
            return null;
        }
    };

    /** @return whether standard input and output are a terminal */
    boolean interactive();

    /** @return the width of a line in columns */
    int width();

    /**
     * Asks for a secret without echoing it.
     *
     * @param prompt what to ask
     * @return what was typed, or null if there is no terminal to ask on (or input ended)
     */
    char[] readPassword(String prompt);

    /** @return the terminal of this process */
    static Terminal system() {
        Console console = System.console();
        boolean tty = console != null && isTerminal(console);
        if (!tty) {
            return NONE;
        }
        return new Terminal() {
            private int width = -1;

            @Override
            public boolean interactive() {
                return true;
            }

            @Override
            public synchronized int width() {
                if (width < 0) {
                    width = columns();
                }
                return width;
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
    }

    private static boolean isTerminal(Console console) {
        try {
            // Java 22+: System.console() may return a console for redirected streams; isTerminal() tells
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 21: a console exists only for a terminal
        }
    }

    private static int columns() {
        String env = System.getenv("COLUMNS");
        try {
            if (env != null) {
                return Math.max(40, Integer.parseInt(env.trim()));
            }
        } catch (NumberFormatException e) {
            // fall through to stty
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(
                    new java.io.File("/dev/tty"))).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            String[] parts = out.split("\\s+");
            if (parts.length == 2) {
                return Math.max(40, Integer.parseInt(parts[1]));
            }
        } catch (Exception e) {
            // no stty or no tty: the default below
        }
        return 100;
    }
}
