import JSON

/// The name of a member of a payload's object, as the generated decoders switch on it
/// (`case "idTag":`): compared in place with each name of the schema, without building a `String`.
struct MemberName {
    let key: JSONReader.Key
    /// The reader the name was read with, whose input holds its bytes.
    let reader: JSONReader

    static func ~= (name: StaticString, member: MemberName) -> Bool {
        member.reader.matches(member.key, name)
    }
}
