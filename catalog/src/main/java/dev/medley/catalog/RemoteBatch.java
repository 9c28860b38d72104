package dev.medley.catalog;

/**
 * A batch handed to a provider's batch API, kept until its results are collected.
 *
 * @param id the provider's batch id
 * @param endpoint the provider's base URL
 * @param requests what each request asked (JSON of the caller's making)
 * @param createdAt when it was submitted, in epoch milliseconds
 */
public record RemoteBatch(String id, String endpoint, String requests, long createdAt) {}
