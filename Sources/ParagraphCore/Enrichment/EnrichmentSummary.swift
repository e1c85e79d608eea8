/// Counts for the closing line of a run.
struct EnrichmentSummary {
    var pagesEnriched = 0
    var pagesSkipped = 0
    var pagesFailed = 0
    var fieldsByProducer: [String: Int] = [:]
    var fallbacks = 0
    var warnings = 0

    mutating func add(_ result: EnrichmentResult) {
        switch result {
        case .failed: pagesFailed += 1
        case .skipped: pagesSkipped += 1
        case .enriched(_, let filled, let warnings):
            pagesEnriched += 1
            self.warnings += warnings.count
            for value in filled {
                fieldsByProducer[value.producer.description, default: 0] += 1
                if value.isFallback { fallbacks += 1 }
            }
        }
    }

    func line(seconds: Double, errors: Int) -> String {
        let fields = fieldsByProducer.sorted { $0.key < $1.key }.map { "\($0.value) by \($0.key)" }
        var parts = ["\(pagesEnriched) page\(pagesEnriched == 1 ? "" : "s") processed"]
        parts.append(fields.isEmpty ? "no fields filled" : "fields filled: " + fields.joined(separator: ", "))
        if fallbacks > 0 { parts.append("\(fallbacks) as fallback") }
        parts.append("\(pagesSkipped) not published")
        parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")")
        parts.append("\(errors) error\(errors == 1 ? "" : "s")")
        let time = (seconds * 100).rounded() / 100
        return parts.joined(separator: "; ") + " (\(time) s)"
    }
}
