/// A link fault under way on one station, and when it ends on the loops' clock.
struct ActiveLinkFault {
    let fault: LinkFault
    let ends: UInt64
}
