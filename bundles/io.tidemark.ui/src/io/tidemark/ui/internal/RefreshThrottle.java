/*
 * SPDX-License-Identifier: EPL-2.0
 */
package io.tidemark.ui.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.eclipse.core.runtime.CoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;

/**
 * Coalesces refresh requests of a view: however many store or sync events arrive, the view's data is
 * loaded at most once per {@value #DELAY_MS} ms (plus the load's own time), in a background job, and handed
 * to the UI thread in one piece. The UI thread never waits for the store.
 *
 * @param <T> what a load produces
 */
final class RefreshThrottle<T> {

    /** The longest a change waits before the view shows it, and the shortest gap between two loads. */
    static final long DELAY_MS = 200;

    /**
     * Loads the view's data off the UI thread.
     *
     * @param <T> what it produces
     */
    @FunctionalInterface
    interface Loader<T> {
        /** @return the data, read from the store */
        T load(IProgressMonitor monitor) throws CoreException;
    }

    private final Display display;
    private final Loader<T> loader;
    private final Consumer<T> apply;
    private final Consumer<IStatus> failed;
    private final AtomicBoolean requested = new AtomicBoolean();
    private final AtomicInteger loads = new AtomicInteger();
    private final Job job;
    private volatile boolean disposed;

    /**
     * @param name the job's name
     * @param display the view's display
     * @param loader reads the data (job thread)
     * @param apply shows it (UI thread; not called once disposed)
     * @param failed shows why a load failed (UI thread)
     */
    RefreshThrottle(String name, Display display, Loader<T> loader, Consumer<T> apply, Consumer<IStatus> failed) {
        this.display = display;
        this.loader = loader;
        this.apply = apply;
        this.failed = failed;
        this.job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return runLoad(monitor);
            }
        };
        job.setSystem(true);
        job.setPriority(Job.INTERACTIVE);
    }

    /** Asks for a refresh within {@value #DELAY_MS} ms; any thread. Requests before it runs are merged. */
    void request() {
        schedule(DELAY_MS);
    }

    /** Asks for a refresh as soon as possible (the user acted); any thread. */
    void requestNow() {
        schedule(0);
    }

    private void schedule(long delay) {
        if (disposed) {
            return;
        }
        if (delay == 0) {
            requested.set(true);
            job.schedule(0);
        } else if (requested.compareAndSet(false, true)) {
            job.schedule(delay);
        }
    }

    private IStatus runLoad(IProgressMonitor monitor) {
        // cleared before loading: an event that arrives during the load schedules one more load after this one
        requested.set(false);
        if (disposed) {
            return Status.OK_STATUS;
        }
        loads.incrementAndGet();
        try {
            T data = loader.load(monitor);
            ui(() -> apply.accept(data));
        } catch (CoreException e) {
            ui(() -> failed.accept(e.getStatus()));
        }
        return Status.OK_STATUS;
    }

    private void ui(Runnable r) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!disposed) {
                    r.run();
                }
            });
        }
    }

    /** @return how many loads ran: for tests of the coalescing */
    int loads() {
        return loads.get();
    }

    /** Waits until no load is running or scheduled; for tests, never on the UI thread. */
    void join() throws InterruptedException {
        job.join();
    }

    /** @return whether a load is scheduled or running */
    boolean busy() {
        return job.getState() != Job.NONE;
    }

    /** Stops loading; the view is going away. */
    void dispose() {
        disposed = true;
        job.cancel();
    }
}
