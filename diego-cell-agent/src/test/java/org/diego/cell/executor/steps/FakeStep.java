package org.diego.cell.executor.steps;

import java.util.concurrent.atomic.AtomicInteger;

/** A step the test ends by hand; it records being cancelled and may end on cancel as a real one would. */
class FakeStep extends Step {
    enum OnCancel { END_CANCELLED, END_OK, KEEP_RUNNING }

    final String name;
    private final OnCancel onCancel;
    private final boolean readyAtStart;
    final AtomicInteger cancels = new AtomicInteger();
    volatile boolean started;

    FakeStep(String name) {
        this(name, OnCancel.END_CANCELLED, true);
    }

    FakeStep(String name, OnCancel onCancel, boolean readyAtStart) {
        this.name = name;
        this.onCancel = onCancel;
        this.readyAtStart = readyAtStart;
    }

    /** A step that has already succeeded when performed. */
    static FakeStep succeeding(String name) {
        FakeStep s = new FakeStep(name) {
            @Override
            protected void start() {
                super.start();
                succeed();
            }
        };
        return s;
    }

    /** A step that fails at once with {@code error}. */
    static FakeStep failing(String name, StepError error) {
        return new FakeStep(name) {
            @Override
            protected void start() {
                super.start();
                fail(error);
            }
        };
    }

    @Override
    protected void start() {
        started = true;
        if (readyAtStart) {
            markReady();
        }
    }

    @Override
    protected void onCancel() {
        cancels.incrementAndGet();
        switch (onCancel) {
            case END_CANCELLED -> fail(StepError.cancelled());
            case END_OK -> succeed();
            case KEEP_RUNNING -> { }
        }
    }

    void beReady() {
        markReady();
    }

    void pass() {
        succeed();
    }

    void failWith(StepError error) {
        fail(error);
    }

    boolean ended() {
        return isDone();
    }
}
