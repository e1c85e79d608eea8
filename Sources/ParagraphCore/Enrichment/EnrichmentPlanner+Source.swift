/// The file and position of a page's model choice, for error messages.
extension EnrichmentPlanner {
    /// Returns the file and position of the value that chose the workflow's model, in the order of `model(for:page:)`.
    /// A site default returns `byok.yaml` without a position.
    func modelSource(for workflow: Workflow, page: Page) -> (path: String, location: SourceLocation?) {
        if let (node, source) = selector.effectiveValue("ai", for: page), let pairs = node.mapping,
           let pair = pairs.first(where: { $0.key.scalar?.text == workflow.rawValue }) {
            return (source ?? page.path, pair.value.location)
        }
        if let (node, source) = selector.effectiveValue("model", for: page), !node.isEmptyValue {
            return (source ?? page.path, node.location)
        }
        return ("byok.yaml", nil)
    }
}
