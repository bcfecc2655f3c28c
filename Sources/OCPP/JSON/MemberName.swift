import JSON

/// The name of a member of a payload's object, as the generated decoders switch on it
/// (`case "idTag":`): compared in place with each name of the schema, without building a `String`.
struct MemberName {
    let key: JSONReader.Key
    /// The first byte of the input the name was read from (the reader's `base`).
    let base: UnsafePointer<UInt8>

    @inline(__always)
    static func ~= (name: StaticString, member: MemberName) -> Bool {
        // A reader over nothing of the same input: `matches` reads only its base.
        JSONReader(base: member.base, start: 0, end: 0).matches(member.key, name)
    }
}
