package dev.medley.media; final class Placeholder {}
