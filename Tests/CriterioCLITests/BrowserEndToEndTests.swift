import Foundation
import Testing

/// The web UI in a real browser (headless Chromium over WebDriver, `scripts/browser-e2e`): an
/// administrator signs in, reviews and submits a draft; a reviewer claims and approves it; then
/// `criterio lint` passes that text. Chromium and chromedriver come from `scripts/install-deps`.
@Suite struct BrowserEndToEndTests {
    @Test func aConsultationIsClearedInTheBrowser() throws {
        let script = CLI.root.appendingPathComponent("scripts/browser-e2e").path
        let result = try ProcessRunner.run(
            URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, "--criterio", CLI.binary.path], in: CLI.root,
            environment: CLI.processEnvironment([:]), mergingErrors: true)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("aprobación y lint correctos"))
    }
}
