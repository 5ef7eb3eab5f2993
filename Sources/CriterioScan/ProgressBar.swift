import Foundation

/// The line of the progress bar a terminal shows during a scan: posts, posts per second, time left.
public enum ProgressBar {
    public static func line(_ progress: ScanProgress, width: Int = 24) -> String {
        let rate = progress.seconds > 0 ? Double(progress.posts) / progress.seconds : 0
        var line = "\(Format.number(progress.posts)) publicaciones · \(Format.number(Int(rate))) pub/s"
        if progress.totalBytes > 0 {
            let fraction = min(1, Double(progress.bytesRead) / Double(progress.totalBytes))
            let filled = Int((fraction * Double(width)).rounded())
            line = "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
                + String(format: "%3.0f %% · ", fraction * 100) + line
            if fraction > 0.01 && progress.seconds > 1 {
                let left = progress.seconds / fraction - progress.seconds
                line += " · faltan " + clock(left)
            }
        }
        return line
    }

    /// `1:05`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = max(0, Int(seconds.rounded()))
        if total >= 3_600 { return String(format: "%d:%02d:%02d", total / 3_600, total % 3_600 / 60, total % 60) }
        return String(format: "%d:%02d", total / 60, total % 60)
    }
}
