package dev.medley.cli; final class Placeholder {}
