package dev.atrium.persistence.billing;

/** How much of a meter a tenant used through one plugin ({@code ""} for none) in some period. */
public record MeterUsage(String meter, String plugin, long quantity) {}
