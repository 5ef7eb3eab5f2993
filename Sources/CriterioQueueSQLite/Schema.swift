import GRDB

/// The tables, created by GRDB migrations. Append new migrations; never edit a shipped one.
enum Schema {
    /// `PRAGMA application_id` of a Criterio database ("CRIT"): tells it from any other SQLite file.
    static let applicationID: Int32 = 0x4352_4954

    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: users, consultations, revisions, audit log, outbox") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE user (
                      name TEXT PRIMARY KEY NOT NULL,
                      role TEXT NOT NULL CHECK (role IN ('admin', 'cncs', 'supervisor')),
                      area TEXT,
                      email TEXT,
                      created_at TEXT NOT NULL
                    );
                    CREATE TABLE consultation (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      state TEXT NOT NULL,
                      version INTEGER NOT NULL,
                      area TEXT NOT NULL,
                      submitter TEXT NOT NULL REFERENCES user(name),
                      draft_path TEXT NOT NULL,
                      revision INTEGER NOT NULL,
                      content_hash TEXT NOT NULL,
                      question TEXT NOT NULL,
                      submitted_at TEXT NOT NULL,
                      due_at TEXT,
                      remaining_seconds INTEGER,
                      warned_at TEXT,
                      claimed_by TEXT,
                      claimed_at TEXT,
                      claim_expires_at TEXT,
                      claim_version INTEGER,
                      decision TEXT,
                      decided_by TEXT,
                      decided_at TEXT,
                      decision_comment TEXT,
                      updated_at TEXT NOT NULL
                    );
                    CREATE INDEX consultation_by_hash ON consultation(content_hash);
                    CREATE INDEX consultation_by_due ON consultation(state, due_at);
                    CREATE TABLE revision (
                      consultation_id INTEGER NOT NULL REFERENCES consultation(id),
                      number INTEGER NOT NULL,
                      content_hash TEXT NOT NULL,
                      draft_path TEXT NOT NULL,
                      draft_text TEXT NOT NULL,
                      question TEXT NOT NULL,
                      findings TEXT NOT NULL,
                      submitted_at TEXT NOT NULL,
                      submitted_by TEXT NOT NULL,
                      PRIMARY KEY (consultation_id, number)
                    );
                    CREATE TABLE audit_log (
                      sequence INTEGER PRIMARY KEY,
                      at TEXT NOT NULL,
                      actor TEXT NOT NULL,
                      event TEXT NOT NULL,
                      consultation_id INTEGER,
                      revision INTEGER,
                      from_state TEXT,
                      to_state TEXT,
                      reason TEXT,
                      details TEXT,
                      previous_hash TEXT NOT NULL,
                      hash TEXT NOT NULL
                    );
                    CREATE INDEX audit_log_by_consultation ON audit_log(consultation_id, sequence);
                    CREATE TRIGGER audit_log_append_only_update BEFORE UPDATE ON audit_log
                      BEGIN SELECT RAISE(ABORT, 'la bitácora solo admite agregar entradas'); END;
                    CREATE TRIGGER audit_log_append_only_delete BEFORE DELETE ON audit_log
                      BEGIN SELECT RAISE(ABORT, 'la bitácora solo admite agregar entradas'); END;
                    CREATE TABLE audit_head (
                      id INTEGER PRIMARY KEY CHECK (id = 1),
                      sequence INTEGER NOT NULL,
                      hash TEXT NOT NULL
                    );
                    CREATE TABLE outbox (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      audit_sequence INTEGER NOT NULL,
                      channel TEXT NOT NULL,
                      audience TEXT NOT NULL,
                      recipients TEXT NOT NULL,
                      subject TEXT NOT NULL,
                      body TEXT NOT NULL,
                      payload TEXT NOT NULL,
                      created_at TEXT NOT NULL,
                      status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
                      attempts INTEGER NOT NULL DEFAULT 0,
                      next_attempt_at TEXT,
                      lease_until TEXT,
                      delivered_at TEXT,
                      last_error TEXT,
                      UNIQUE (audit_sequence, channel)
                    );
                    CREATE INDEX outbox_by_status ON outbox(status, next_attempt_at);
                    """)
        }
        migrator.registerMigration("v2: passwords, API tokens, sessions, sign-in throttling") { db in
            try db.execute(
                sql: """
                    ALTER TABLE user ADD COLUMN password_hash TEXT;
                    ALTER TABLE user ADD COLUMN password_set_at TEXT;
                    CREATE TABLE api_token (
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      user_name TEXT NOT NULL REFERENCES user(name),
                      label TEXT NOT NULL,
                      token_hash TEXT NOT NULL UNIQUE,
                      created_at TEXT NOT NULL,
                      last_used_at TEXT
                    );
                    CREATE INDEX api_token_by_user ON api_token(user_name);
                    CREATE TABLE session (
                      id_hash TEXT PRIMARY KEY NOT NULL,
                      user_name TEXT NOT NULL REFERENCES user(name),
                      csrf_token TEXT NOT NULL,
                      created_at TEXT NOT NULL,
                      last_seen_at TEXT NOT NULL,
                      expires_at TEXT NOT NULL
                    );
                    CREATE INDEX session_by_user ON session(user_name);
                    CREATE INDEX session_by_expiry ON session(expires_at);
                    CREATE TABLE sign_in_throttle (
                      key TEXT PRIMARY KEY NOT NULL,
                      failures INTEGER NOT NULL,
                      last_failure_at TEXT NOT NULL,
                      blocked_until TEXT
                    );
                    """)
        }
        // An administrator's list reads her area's items only (`GET /api/v1/consultations`, "Mis consultas").
        migrator.registerMigration("v3: consultations by area") { db in
            try db.execute(sql: "CREATE INDEX consultation_by_area ON consultation(area, due_at)")
        }
        return migrator
    }()
}
