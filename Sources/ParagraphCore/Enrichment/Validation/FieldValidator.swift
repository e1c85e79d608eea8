import Foundation

/// Checks a model's answer against each field's rules before it can reach front matter.
///
/// Lengths are counted in characters (grapheme clusters). Text fields reject Markdown,
/// HTML and line breaks, because the value is printed into pages as it is.
enum FieldValidator {
    /// Returns the maximum length of a field's text, in characters.
    static func maxLength(of field: Field) -> Int {
        switch field {
        case .description: return BuiltinLimits.descriptionLength
        case .seoTitle: return BuiltinLimits.titleLength
        case .slug: return BuiltinLimits.slugLength
        case .heroAlt: return BuiltinEngine.maxAltTextLength
        case .heroCaption: return BuiltinEngine.maxCaptionLength
        case .seoKeywords: return maxKeywordLength
        }
    }

    static let maxKeywordLength = 60

    /// Reads the fields from a JSON answer, and returns the valid values and one problem per invalid field.
    static func read(_ answer: JSONValue?, fields: [Field]) -> (values: [Field: FieldValue], problems: [Field: String]) {
        var values: [Field: FieldValue] = [:]
        var problems: [Field: String] = [:]
        guard let answer, answer.isObject else {
            for field in fields { problems[field] = "the answer is not a JSON object" }
            return (values, problems)
        }
        for field in fields {
            let property = WorkflowPrompt.property(for: field)
            switch validate(answer[property], field: field) {
            case .success(let value): values[field] = value
            case .failure(let problem): problems[field] = "\(property): \(problem.message)"
            }
        }
        return (values, problems)
    }

    struct Problem: Error {
        var message: String
    }

    static func validate(_ node: JSONValue?, field: Field) -> Result<FieldValue, Problem> {
        guard let node else { return .failure(Problem(message: "missing")) }
        if field == .seoKeywords {
            guard case .array(let items) = node else { return .failure(Problem(message: "must be a list of strings")) }
            var keywords: [String] = []
            for item in items {
                guard let text = item.stringValue else { return .failure(Problem(message: "must be a list of strings")) }
                switch validateText(text, maxLength: maxKeywordLength) {
                case .success(let keyword): keywords.append(keyword)
                case .failure(let problem): return .failure(problem)
                }
            }
            guard BuiltinEngine.keywordCountRange.contains(keywords.count) else {
                return .failure(Problem(message: "must have 3 to 8 keywords, not \(keywords.count)"))
            }
            return .success(.list(keywords))
        }
        guard let text = node.stringValue else { return .failure(Problem(message: "must be a string")) }
        if field == .slug {
            return validateSlug(text).map(FieldValue.text)
        }
        return validateText(text, maxLength: maxLength(of: field)).map(FieldValue.text)
    }

    static func validateSlug(_ text: String) -> Result<String, Problem> {
        let slug = text.trimmingCharacters(in: .whitespaces)
        guard slug.count <= BuiltinLimits.slugLength else {
            return .failure(Problem(message: "is \(slug.count) characters, more than \(BuiltinLimits.slugLength)"))
        }
        guard slug.range(of: "^[a-z0-9]+(-[a-z0-9]+)*$", options: .regularExpression) != nil else {
            return .failure(Problem(message: "must match ^[a-z0-9]+(-[a-z0-9]+)*$"))
        }
        return .success(slug)
    }

    static func validateText(_ raw: String, maxLength: Int) -> Result<String, Problem> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(Problem(message: "is empty")) }
        guard text.count <= maxLength else {
            return .failure(Problem(message: "is \(text.count) characters, more than \(maxLength)"))
        }
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return .failure(Problem(message: "contains a line break or control character"))
        }
        if text.range(of: "<\\s*/?\\s*[A-Za-z!?]", options: .regularExpression) != nil || text.contains("&lt;") {
            return .failure(Problem(message: "contains HTML"))
        }
        let markdownPatterns = [
            "\\[[^\\]]*\\]\\s*[\\(\\[]",  // links and images
            "\\*\\*|__|~~|`",  // emphasis and code
            "^\\s*(#{1,6}\\s|[-*+>]\\s|\\d+[.)]\\s)",  // headings, lists and quotes at the start
            "(^|\\s)\\*[^\\s*][^*]*\\*(\\s|$|[.,;:!?])",  // *emphasis*
            "https?://",  // bare links
        ]
        for pattern in markdownPatterns where text.range(of: pattern, options: .regularExpression) != nil {
            return .failure(Problem(message: "contains Markdown or a link"))
        }
        return .success(text)
    }
}
