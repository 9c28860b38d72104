package dev.medley.speech;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * How a transcription run uses the machine: sequential, parallel CPU workers, or one worker per
 * GPU, chosen from the engine and the hardware unless {@code --workers} says otherwise.
 *
 * @param name {@code sequential}, {@code parallel-cpu}, {@code per-gpu} or {@code remote}
 * @param workers engine workers (recognisers, model states, connections)
 * @param device {@code cpu} or {@code cuda}
 */
public record Strategy(String name, int workers, String device) {
    // A Sphinx4 recogniser with its search peaks near 0.7 GB of heap (two ran out of memory in 1.5 GB).
    static final long SPHINX_HEAP_PER_WORKER = 900L << 20;
    static final long HEAP_RESERVE = 384L << 20;
    static final int REMOTE_WORKERS = 4;

    /** Returns the strategy for this machine: its processors, heap and GPUs. */
    public static Strategy choose(EngineKind kind, String device, Integer workers) {
        return choose(kind, device, workers, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory(), device.equals("cpu") ? 0 : countGpus());
    }

    static Strategy choose(EngineKind kind, String device, Integer workers, int cores, long maxHeap, int gpus) {
        if (!device.equals("auto") && !device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("unknown device '" + device + "': use auto, cpu or cuda");
        }
        if (device.equals("cuda") && kind != EngineKind.WHISPER) {
            throw new IllegalArgumentException("--device cuda applies to --engine whisper only");
        }
        if (workers != null && workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1");
        }
        return switch (kind) {
            case REMOTE -> new Strategy("remote", workers != null ? workers : REMOTE_WORKERS, "cpu");
            case SPHINX -> {
                int byHeap = (int) Math.max(1, (maxHeap - HEAP_RESERVE) / SPHINX_HEAP_PER_WORKER);
                int chosen = workers != null ? workers : Math.max(1, Math.min(cores, byHeap));
                yield new Strategy(chosen == 1 ? "sequential" : "parallel-cpu", chosen, "cpu");
            }
            case WHISPER -> {
                boolean gpu = device.equals("cuda") || device.equals("auto") && gpus > 0;
                if (gpu) {
                    yield new Strategy("per-gpu", workers != null ? workers : Math.max(1, gpus), "cuda");
                }
                int chosen = workers != null ? workers : cores;
                yield new Strategy(chosen == 1 ? "sequential" : "parallel-cpu", chosen, "cpu");
            }
        };
    }

    /** Returns how many NVIDIA GPUs {@code nvidia-smi -L} lists; 0 without the tool. */
    static int countGpus() {
        try {
            Process process = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return 0;
            }
            return (int) output.lines().filter(line -> line.startsWith("GPU ")).count();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    @Override
    public String toString() {
        return name + ", " + workers + (workers == 1 ? " worker" : " workers") + " on " + device;
    }
}
