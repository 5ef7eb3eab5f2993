import CriterioCore

/// One published post read from an archive: where it came from (the archive as the user named it,
/// and its record number there), what the archive says about it, and its text.
public struct ArchivedPost: Sendable, Equatable {
    /// The archive as the user named it on the command line.
    public var archive: String
    /// 1-based: the line of a JSON Lines file, the data row of a CSV (the header is not counted), the
    /// place of the post among the tweets of an X archive or the posts of a Facebook export.
    public var record: Int
    public var id: String?
    public var account: String?
    public var network: Network?
    /// As the archive writes it.
    public var createdAt: String?
    /// `createdAt` read as a moment, when it could be.
    public var date: PublicationDate?
    public var text: String
    /// Attachments (paths, URLs or placeholders when the archive only counts them). Nobody checks
    /// that they exist: the post was published with them.
    public var media: [String]
    /// Set when the post answers another (its id or URL).
    public var replyTo: String?

    public init(
        archive: String, record: Int, id: String? = nil, account: String? = nil, network: Network? = nil,
        createdAt: String? = nil, date: PublicationDate? = nil, text: String, media: [String] = [], replyTo: String? = nil
    ) {
        self.archive = archive
        self.record = record
        self.id = id
        self.account = account
        self.network = network
        self.createdAt = createdAt
        self.date = date
        self.text = text
        self.media = media
        self.replyTo = replyTo
    }

    /// The post as the linter takes it: its whole text is prose; media count as media and a reply as a reply.
    public func draft() -> Draft {
        Draft(
            path: "\(archive):\(record)", text: text,
            metadata: PostMetadata(
                network: network, account: account, media: media.map { MediaReference(value: $0) }, replyTo: replyTo,
                createdAt: createdAt))
    }

    /// A key for the post that survives a newer export of the same account (record numbers and
    /// archive names change between exports; ids do not): network, account and id, or the date
    /// when there is no id, or else the archive and record.
    public var stableKey: String {
        let owner = "\(network?.rawValue ?? "")/\(account ?? "")"
        if let id { return "\(owner)/id:\(id)" }
        if let date { return "\(owner)/fecha:\(date.secondsSince1970)" }
        return "\(archive)#\(record)"
    }
}

/// How an archive's readers interpret dates written without a zone: as Mexico City's standard time.
public enum ArchiveClock {
    public static let assumedOffset = -6 * 3_600
}
