package dev.medley.speech;

import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * The one door to whisper-jni in the JVM: loads its library once with whisper.cpp's log silenced, and orders
 * calls so that they are safe from any thread.
 *
 * <h2>Creating and freeing exclude everything else</h2>
 * whisper-jni keeps every context and state in process-wide {@code std::map}s without a lock, and names new ones
 * with {@code rand()}. Lookups may run side by side, but an insert or erase must not overlap any other call, from
 * this engine or another. So creating and freeing take the write lock, and inference takes the read lock for one
 * window at a time (the lock is fair, so an engine opening waits only for windows already running).
 */
final class WhisperNative {
    private static final ReadWriteLock LOCK = new ReentrantReadWriteLock(true);
    private static final AtomicInteger CONTEXTS_LOADED = new AtomicInteger();
    private static final AtomicInteger STATES_CREATED = new AtomicInteger();
    private static WhisperJNI jni;

    private WhisperNative() {}

    /** Returns the library, loading it on first use. */
    static WhisperJNI jni() throws IOException {
        LOCK.writeLock().lock();
        try {
            if (jni == null) {
                WhisperJNI.loadLibrary(message -> {});
                // A null logger makes whisper.cpp's log callback drop everything it would print to stderr.
                WhisperJNI.setLibraryLogger(null);
                jni = new WhisperJNI();
            }
            return jni;
        } finally {
            LOCK.writeLock().unlock();
        }
    }

    /** Loads the model in {@code file} without a state, on the CPU; returns null when whisper.cpp refuses it. */
    static WhisperContext loadContext(Path file) throws IOException {
        WhisperJNI whisper = jni();
        WhisperContextParams params = new WhisperContextParams();
        params.useGPU = false;
        LOCK.writeLock().lock();
        try {
            WhisperContext context = whisper.initNoState(file, params);
            if (context != null) {
                CONTEXTS_LOADED.incrementAndGet();
            }
            return context;
        } finally {
            LOCK.writeLock().unlock();
        }
    }

    /** Creates a state for {@code context}; returns null when whisper.cpp could not allocate one. */
    static WhisperState newState(WhisperContext context) throws IOException {
        return exclusive(() -> {
            WhisperState state = jni.initState(context);
            if (state != null) {
                STATES_CREATED.incrementAndGet();
            }
            return state;
        });
    }

    /** Frees {@code state}. */
    static void free(WhisperState state) {
        exclusive(() -> {
            state.close();
            return null;
        });
    }

    /** Frees {@code context}; free its states first. */
    static void free(WhisperContext context) {
        exclusive(() -> {
            context.close();
            return null;
        });
    }

    /** Runs inference on {@code samples} in {@code state}; returns whisper.cpp's status, 0 for success. */
    static int full(WhisperContext context, WhisperState state, WhisperFullParams params, float[] samples) {
        return shared(() -> jni.fullWithState(context, state, params, samples, samples.length));
    }

    /** Returns how many segments the last run in {@code state} produced. */
    static int segments(WhisperState state) {
        return shared(() -> jni.fullNSegmentsFromState(state));
    }

    /** Returns segment {@code i} of the last run in {@code state}: its text and times in centiseconds. */
    static RawSegment segment(WhisperState state, int i) {
        return shared(() -> new RawSegment(jni.fullGetSegmentTimestamp0FromState(state, i),
                jni.fullGetSegmentTimestamp1FromState(state, i), jni.fullGetSegmentTextFromState(state, i)));
    }

    /** Returns how many model contexts this JVM has loaded so far. */
    static int contextsLoaded() {
        return CONTEXTS_LOADED.get();
    }

    /** Returns how many states this JVM has created so far. */
    static int statesCreated() {
        return STATES_CREATED.get();
    }

    /** One segment as whisper.cpp reports it. */
    record RawSegment(long t0, long t1, String text) {}

    private static <T> T exclusive(Supplier<T> call) {
        LOCK.writeLock().lock();
        try {
            return call.get();
        } finally {
            LOCK.writeLock().unlock();
        }
    }

    private static <T> T shared(Supplier<T> call) {
        LOCK.readLock().lock();
        try {
            return call.get();
        } finally {
            LOCK.readLock().unlock();
        }
    }
}
