package dev.medley.catalog; final class Placeholder {}
