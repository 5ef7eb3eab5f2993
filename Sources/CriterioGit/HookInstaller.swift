import CriterioFoundation
import Foundation

/// Installs and removes Criterio's git pre-commit hook. A hook that is not Criterio's is never
/// overwritten: without `force` installation refuses; with it, the other hook is kept beside ours
/// (`pre-commit.antes-de-criterio`) and runs first. Uninstalling removes only our hook and puts the
/// other one back.
public struct HookInstaller: Sendable {
    /// The line that marks a hook as Criterio's.
    public static let marker = "# criterio-hook"
    public static let chainedName = "pre-commit.antes-de-criterio"

    public let hooksDirectory: String

    public init(hooksDirectory: String) {
        self.hooksDirectory = hooksDirectory
    }

    public enum Installation: Equatable, Sendable {
        case installed, updated, installedChaining
    }

    public enum Removal: Equatable, Sendable {
        case removed, removedRestoringChained, notInstalled
    }

    var hookPath: String { hooksDirectory + "/pre-commit" }
    var chainedPath: String { hooksDirectory + "/" + Self.chainedName }

    /// Writes the hook, which runs `criterio lint --staged` with the binary at `executable`
    /// (or `criterio` on the PATH if that binary moves).
    public func install(executable: String, force: Bool) throws(HookError) -> Installation {
        let manager = FileManager.default
        do {
            try manager.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        } catch {
            throw HookError("no se pudo crear «\(hooksDirectory)»: \(FoundationErrors.describe(error))")
        }
        var result = Installation.installed
        if let existing = manager.contents(atPath: hookPath) {
            if String(decoding: existing, as: UTF8.self).contains(Self.marker) {
                result = .updated
            } else if !force {
                throw HookError(
                    "ya hay un hook pre-commit que no es de Criterio en «\(hookPath)»; no se sobrescribe. Con --force se conserva como «\(Self.chainedName)» y se ejecuta antes de Criterio.")
            } else if manager.fileExists(atPath: chainedPath) {
                throw HookError("ya existe «\(chainedPath)»; revísalo antes de encadenar otro hook")
            } else {
                do {
                    try manager.moveItem(atPath: hookPath, toPath: chainedPath)
                } catch {
                    throw HookError("no se pudo conservar el hook anterior: \(FoundationErrors.describe(error))")
                }
                result = .installedChaining
            }
        }
        do {
            try Data(Self.script(executable: executable).utf8).write(to: URL(fileURLWithPath: hookPath), options: .atomic)
            try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hookPath)
        } catch {
            throw HookError("no se pudo escribir «\(hookPath)»: \(FoundationErrors.describe(error))")
        }
        return result
    }

    /// Removes Criterio's hook only, restoring the hook it chained, if any.
    public func uninstall() throws(HookError) -> Removal {
        let manager = FileManager.default
        guard let existing = manager.contents(atPath: hookPath) else { return .notInstalled }
        guard String(decoding: existing, as: UTF8.self).contains(Self.marker) else {
            throw HookError("el hook pre-commit de «\(hookPath)» no es de Criterio; no se toca")
        }
        do {
            try manager.removeItem(atPath: hookPath)
            if manager.fileExists(atPath: chainedPath) {
                try manager.moveItem(atPath: chainedPath, toPath: hookPath)
                return .removedRestoringChained
            }
        } catch {
            throw HookError("no se pudo quitar el hook: \(FoundationErrors.describe(error))")
        }
        return .removed
    }

    static func script(executable: String) -> String {
        """
        #!/bin/sh
        \(marker): lo instaló `criterio hook install`; se quita con `criterio hook uninstall`.
        # Revisa el contenido preparado (git add) de los borradores contra los criterios del INE.
        hooks_dir=$(dirname "$0")
        if [ -x "$hooks_dir/\(chainedName)" ]; then
          "$hooks_dir/\(chainedName)" "$@" || exit $?
        fi
        criterio=${CRITERIO_BIN:-}
        if [ -z "$criterio" ]; then criterio=\(shellQuoted(executable)); fi
        if [ ! -x "$criterio" ]; then criterio=criterio; fi
        exec "$criterio" lint --staged

        """
    }

    private static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

public struct HookError: ExplainedError, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
