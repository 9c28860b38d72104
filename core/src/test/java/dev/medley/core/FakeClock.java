package dev.medley.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Serves as both clock and sleeper in tests: sleeping advances the clock at once and is recorded. */
final class FakeClock implements Ticker, Sleeper {

    private final AtomicLong nanos;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeClock() {
        this(1_000_000_000L);
    }

    FakeClock(long startNanos) {
        nanos = new AtomicLong(startNanos);
    }

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        synchronized (sleeps) {
            sleeps.add(duration);
        }
        if (duration.isPositive()) {
            nanos.addAndGet(duration.toNanos());
        }
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }
}
