package dev.medley.bench; final class Placeholder {}
