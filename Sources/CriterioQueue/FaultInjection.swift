import Foundation

/// Test-only crash points, so that the fault tests can kill a process in the middle of a transition.
/// Compiled into debug builds only, and armed only by `CRITERIO_TEST_FAULT=<point>`; a release build
/// ignores the variable.
public enum FaultInjection {
    public static func point(_ name: String) {
        #if DEBUG
        if ProcessInfo.processInfo.environment["CRITERIO_TEST_FAULT"] == name {
            kill(getpid(), SIGKILL)
        }
        #endif
    }
}
