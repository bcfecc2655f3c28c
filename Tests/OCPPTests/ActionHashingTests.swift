import Testing

@testable import OCPP

/// Actions key the counters of every message: they hash by case, and tell every action apart.
@Suite struct ActionHashingTests {
    @Test func aDictionaryKeyedByActionsFindsEachActionUnderItself() {
        let names = Dictionary(uniqueKeysWithValues: Action.allCases.map { ($0, $0.rawValue) })
        #expect(names.count == Action.allCases.count)
        for action in Action.allCases {
            #expect(names[action] == action.rawValue)
        }
    }

    @Test func theOrdinalHashedIsTheCasesPlaceInDeclarationOrder() {
        #expect(Action.allCases.map { Int($0.ordinal) } == Array(0..<Action.allCases.count))
    }
}
