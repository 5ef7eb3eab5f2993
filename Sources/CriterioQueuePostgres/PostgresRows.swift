import CriterioQueue
import PostgresNIO

/// PostgreSQL's rows as the queue's stores read them (`StoredRow` maps them to values).
extension PostgresRandomAccessRow: StoredRow {
    public func text(_ column: String) -> String? {
        guard contains(column) else { return nil }
        return (try? self[column].decode(String?.self)) ?? nil
    }

    public func int64(_ column: String) -> Int64? {
        guard contains(column) else { return nil }
        return (try? self[column].decode(Int64?.self)) ?? nil
    }
}
