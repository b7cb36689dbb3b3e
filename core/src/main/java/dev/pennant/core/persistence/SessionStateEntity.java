package dev.pennant.core.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;

/** Row of {@code paper_session_state}. Package-private mapping type. */
@Entity
@Table(name = "paper_session_state")
class SessionStateEntity {
    @Id @Column(name = "session_id") String sessionId;
    @Lob @Column(name = "state_json", nullable = false) String stateJson;
    @Column(name = "updated_at", nullable = false) long updatedAt;

    protected SessionStateEntity() {
    }

    SessionStateEntity(String sessionId, String stateJson, long updatedAt) {
        this.sessionId = sessionId;
        this.stateJson = stateJson;
        this.updatedAt = updatedAt;
    }
}
