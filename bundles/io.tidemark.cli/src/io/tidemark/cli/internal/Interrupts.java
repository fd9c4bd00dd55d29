/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.cli.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Ctrl-C. A long-running command registers what to do on an interrupt (cancel its progress monitor) and
 * unregisters when done; a second Ctrl-C before the command has wound down ends the process at once.
 * <p>
 * The process implementation handles SIGINT itself (sun.misc.Signal, reached by reflection: it is in the
 * jdk.unsupported module, outside the OSGi execution environment) instead of a shutdown hook: the JVM then
 * does not start shutting down, so the framework, the store and the engine stay up while the engine aborts its
 * socket and commits nothing half-done, and the command prints what happened and returns its exit code.
 * <p>
 * Thread-safe.
 */
public class Interrupts {

    private final Deque<Runnable> handlers = new ArrayDeque<>();
    private boolean interruptedOnce;

    /** A registration; closing it removes the handler. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param handler run (on another thread) when the user presses Ctrl-C
     * @return the registration to close when the command no longer needs it
     */
    public synchronized Registration onInterrupt(Runnable handler) {
        handlers.push(handler);
        return () -> {
            synchronized (Interrupts.this) {
                handlers.remove(handler);
            }
        };
    }

    /** Delivers an interrupt: runs the newest handler, or ends the process when none is registered. */
    public void interrupt() {
        Runnable h;
        boolean second;
        synchronized (this) {
            h = handlers.peek();
            second = interruptedOnce;
            interruptedOnce = true;
        }
        if (h == null || second) {
            exit(130);
            return;
        }
        h.run();
    }

    /** Ends the process; in tests, overridden. */
    protected void exit(int code) {
        System.exit(code);
    }

    /** @return interrupts fed by this process's SIGINT, or plain ones if the JVM cannot handle signals */
    public static Interrupts system() {
        Interrupts interrupts = new Interrupts() {
            @Override
            protected void exit(int code) {
                // a second Ctrl-C: stop now; the store survives a kill (every commit is durable)
                Runtime.getRuntime().halt(code);
            }
        };
        try {
            ClassLoader platform = ClassLoader.getPlatformClassLoader();
            Class<?> signal = platform.loadClass("sun.misc.Signal");
            Class<?> handlerType = platform.loadClass("sun.misc.SignalHandler");
            InvocationHandler ih = (proxy, method, args) -> {
                if ("handle".equals(method.getName())) {
                    Thread t = new Thread(interrupts::interrupt, "tidemark-interrupt");
                    t.setDaemon(true);
                    t.start();
                    return null;
                }
                return switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "tidemark SIGINT handler";
                };
            };
            Object handler = Proxy.newProxyInstance(platform, new Class<?>[] { handlerType }, ih);
            Object sigint = signal.getConstructor(String.class).newInstance("INT");
            signal.getMethod("handle", signal, handlerType).invoke(null, sigint, handler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no signal support: Ctrl-C ends the JVM the ordinary way; H2 commits stay durable
        }
        return interrupts;
    }
}
