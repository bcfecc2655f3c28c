/// A value kept on the heap, for a field of a loop-confined object that is rarely set and large when it
/// is: as an optional reference the field costs one word while unset, instead of the value's whole size
/// in every object.
final class Boxed<Value> {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}
