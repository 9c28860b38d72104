package dev.medley.speech;

import dev.medley.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Serves as wall clock and sleeper in tests: sleeping returns at once, moves the clock on, and is recorded. */
final class FakeTranscriptionClock extends Clock implements Sleeper {

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    FakeTranscriptionClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.add(duration);
        if (duration.isPositive()) {
            now = now.plus(duration);
        }
    }

    /** Returns every wait so far, in the order they were asked for. */
    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the fake clock stays in UTC");
    }
}
