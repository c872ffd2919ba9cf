package dev.atrium.billing;

/**
 * The rate limiter's answer for one request, and what goes into the {@code RateLimit-Limit}, {@code
 * RateLimit-Remaining}, {@code RateLimit-Reset} (seconds until the bucket is full again) and, when
 * refused, {@code Retry-After} headers. {@code reason} names the exhausted bucket.
 */
public record RateDecision(
    boolean allowed,
    long limit,
    long remaining,
    long resetSeconds,
    long retryAfterSeconds,
    String reason) {}
