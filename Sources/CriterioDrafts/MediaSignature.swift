/// Recognises image, video and audio files by their first bytes (their "magic numbers"), not by
/// their name: a file called `foto.png` that holds text is not a photo.
enum MediaSignature {
    /// How many bytes of a file are read to recognise it.
    static let headerLength = 512

    /// What audiovisual type the file starting with `header` is ("imagen PNG"), or nil.
    static func type(of header: [UInt8]) -> String? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            header.count >= offset + prefix.count && header[offset..<(offset + prefix.count)].elementsEqual(prefix)
        }
        func ascii(_ text: String, at offset: Int = 0) -> Bool { starts(Array(text.utf8), at: offset) }

        // Images.
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "imagen PNG" }
        if starts([0xFF, 0xD8, 0xFF]) { return "imagen JPEG" }
        if ascii("GIF87a") || ascii("GIF89a") { return "imagen GIF" }
        if ascii("RIFF"), ascii("WEBP", at: 8) { return "imagen WebP" }
        if ascii("BM"), header.count >= 14, header[6] == 0, header[7] == 0, header[8] == 0, header[9] == 0 { return "imagen BMP" }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return "imagen TIFF" }
        if isSVG(header) { return "imagen SVG" }
        // ISO base media (MP4, MOV, M4A, 3GP, HEIC, AVIF): a box size, then `ftyp` and its brand.
        if ascii("ftyp", at: 4), header.count >= 12 {
            let brand = String(decoding: header[8..<12], as: UTF8.self)
            switch brand {
            case "heic", "heix", "mif1", "msf1", "hevc": return "imagen HEIC"
            case "avif", "avis": return "imagen AVIF"
            case "M4A ", "M4B ", "F4A ": return "audio M4A"
            case "qt  ": return "video QuickTime"
            default: return "video MP4"
            }
        }
        // QuickTime files whose first box is not `ftyp`.
        if ascii("moov", at: 4) || ascii("mdat", at: 4) || ascii("wide", at: 4) || ascii("free", at: 4) { return "video QuickTime" }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return "video WebM/Matroska" }
        if ascii("RIFF"), ascii("AVI ", at: 8) { return "video AVI" }
        if starts([0x00, 0x00, 0x01, 0xBA]) || starts([0x00, 0x00, 0x01, 0xB3]) { return "video MPEG" }
        if header.count >= 189, header[0] == 0x47, header[188] == 0x47 { return "video MPEG-TS" }
        if ascii("FLV") { return "video FLV" }
        // Audio.
        if ascii("ID3") { return "audio MP3" }
        if header.count >= 2, header[0] == 0xFF, header[1] & 0xE0 == 0xE0 {
            // An MPEG audio frame (MP3) or ADTS (AAC): eleven set bits of frame sync.
            return header[1] & 0x06 == 0 ? "audio AAC" : "audio MP3"
        }
        if ascii("RIFF"), ascii("WAVE", at: 8) { return "audio WAV" }
        if ascii("OggS") { return "audio o video Ogg" }
        if ascii("fLaC") { return "audio FLAC" }
        if ascii("FORM"), ascii("AIFF", at: 8) || ascii("AIFC", at: 8) { return "audio AIFF" }
        if ascii("#!AMR") { return "audio AMR" }
        return nil
    }

    /// An SVG file: XML text (after an optional byte-order mark, spaces, an XML declaration or
    /// comments) whose first element is `<svg`.
    private static func isSVG(_ header: [UInt8]) -> Bool {
        var text = Substring(String(decoding: header, as: UTF8.self))
        if text.hasPrefix("\u{FEFF}") { text = text.dropFirst() }
        while true {
            text = text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" })
            if text.hasPrefix("<svg") { return true }
            guard text.hasPrefix("<?") || text.hasPrefix("<!--") || text.hasPrefix("<!DOCTYPE") else { return false }
            guard let end = text.firstIndex(of: ">") else { return false }
            text = text[text.index(after: end)...]
        }
    }
}
