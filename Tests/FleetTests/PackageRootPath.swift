import Foundation
import TestSupport

/// The path of `relative` inside the package.
func packageRootPath(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
}
