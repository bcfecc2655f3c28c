import OCPP
import Testing

/// Actions key the counters of every message: they hash by case, and tell every action apart.
@Suite struct ActionHashingTests {
    @Test func aDictionaryKeyedByActionsFindsEachActionUnderItself() {
        let names = Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0, $0.rawValue) })
        #expect(names.count == Action.allCases.count)
        for action in Action.allCases {
            #expect(names[action] == action.rawValue)
        }
    }

    @Test func theByteHashedIsTheCasesPlaceInDeclarationOrder() {
        #expect(MemoryLayout<Action>.size == 1)
        for (index, action) in Action.allCases.enumerated() {
            #expect(withUnsafeBytes(of: action) { Int($0[0]) } == index)
        }
    }
}
