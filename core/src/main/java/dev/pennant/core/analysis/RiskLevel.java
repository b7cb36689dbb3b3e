package dev.pennant.core.analysis;

/** How much an order book's state should worry a trader about manipulation or a one-sided book. */
public enum RiskLevel { LOW, MEDIUM, HIGH }
