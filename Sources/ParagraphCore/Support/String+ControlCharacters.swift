extension String {
    /// The text with control characters written as `\u{…}` escapes, for printing to a
    /// terminal or a CI log.
    ///
    /// A file name or a model's answer could otherwise start a new log line (and so a
    /// GitHub workflow command such as `::stop-commands::`) or send terminal escapes.
    /// Tabs are kept; line breaks are kept only when `keepingLineBreaks` is set.
    func escapingControlCharacters(keepingLineBreaks: Bool = false) -> String {
        var result = ""
        for scalar in unicodeScalars {
            let isLineBreak = scalar == "\n" || scalar == "\r"
            let category = scalar.properties.generalCategory
            let isControl = category == .control || category == .format || category == .lineSeparator
                || category == .paragraphSeparator
            if scalar == "\t" || (isLineBreak && keepingLineBreaks) || !isControl {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            }
        }
        return result
    }
}
