package dev.atrium.ingestion;

/** One question-answer pair of an FAQ document. */
public record FaqEntry(String question, String answer) {}
