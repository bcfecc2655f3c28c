/// The SLO grammar as `--help` prints it.
enum SLOHelp {
    static let text = """
        SLO EXPRESSIONS (--slo, repeatable; the run exits 1 when one fails):
          p50|p90|p99|p999|max(ACTION|*) OP DURATION   e.g. p99(StartTransaction) < 800ms
          errors OP PERCENT        share of CALLs answered with a CallError or not at all
          timeouts OP COUNT        CALLs never answered
          connected OP PERCENT     stations connected at the end, out of the fleet
          msgs_per_s OP NUMBER     messages per second over the run
          reconnects OP COUNT      reconnections during the run
        OP is one of < <= > >= ==; DURATION is a number with ms or s; PERCENT a number with %.
        """
}
