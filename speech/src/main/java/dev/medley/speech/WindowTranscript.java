package dev.medley.speech;

import java.util.List;

/**
 * What an engine heard in one window.
 *
 * @param windowId the {@link AudioWindow#id()} it answers
 * @param segments in time order, with times relative to the window's start; empty for silence
 * @param language the language heard or assumed, as an ISO 639-1 code, or null when unknown
 */
public record WindowTranscript(String windowId, List<Segment> segments, String language) implements WindowResult {}
