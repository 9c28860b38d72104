package dev.medley.core; final class Placeholder {}
