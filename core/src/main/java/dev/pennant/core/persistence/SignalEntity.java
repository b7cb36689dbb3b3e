package dev.pennant.core.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** Row of {@code signal}: a signal and its explanation. */
@Entity
@Table(name = "signal")
class SignalEntity {
    @Id String id;
    @Column(name = "session_id", nullable = false) String sessionId;
    @Column(nullable = false) String strategy;
    @Column(nullable = false) String symbol;
    @Column(nullable = false) String side;
    @Column(name = "event_time", nullable = false) long eventTime;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal price;
    @Column(nullable = false) String reason;
    @Column(nullable = false, length = 2000) String indicators;
    @Column(nullable = false, length = 4000) String explanation;
    @Column(nullable = false) double confidence;
    @Column(name = "explanation_source", nullable = false) String explanationSource;

    protected SignalEntity() {
    }
}
