extension BuiltinEngine {
    /// Writes alt text of at most `maxAltTextLength` characters for a page's hero image.
    ///
    /// The text names what the file name shows and the page it illustrates:
    /// `mountain-lake-1200x630.jpg` on "Hiking in Norway" gives "Mountain lake,
    /// illustrating Hiking in Norway". When the file name adds nothing to the title, the
    /// file name words alone are used. Without descriptive words in the file name, the
    /// result is "Illustration for" and the title, then "Illustration:" and the first
    /// sentence of `nearbyText`, then "Illustration". The title part is shortened at a
    /// word boundary to fit. There is no "Image of" prefix, because screen readers
    /// already announce an image.
    ///
    /// - Parameters:
    ///   - nearbyText: plain text near the image, such as the first paragraph.
    ///   - decorative: whether the image only decorates the page. Then the result is
    ///     "", so that screen readers skip it.
    public func heroAlt(imagePath: String, title: String?, nearbyText: String?, decorative: Bool = false) -> String {
        guard !decorative else { return "" }
        let limit = Self.maxAltTextLength
        let title = ProseText.nonEmpty(title)

        if let subject = ImageFileWords.subject(ofPath: imagePath) {
            if let title, !isCovered(subject, by: title) {
                return joined(subject, ", illustrating ", title, limit: limit)
            }
            return ProseText.truncatedAtWord(subject, limit: limit, ellipsis: false)
        }
        if let title {
            return joined("Illustration for", " ", title, limit: limit)
        }
        if let nearby = ProseText.nonEmpty(nearbyText) {
            return joined("Illustration:", " ", ProseText.firstSentence(of: nearby), limit: limit)
        }
        return "Illustration"
    }

    /// Writes a one- or two-sentence caption of at most `maxCaptionLength` characters
    /// for a page's hero image.
    ///
    /// With descriptive words in the file name, the caption is those words as a
    /// sentence, followed by the first sentence of `nearbyText` when both fit. Without
    /// them, it is the first sentence of `nearbyText`, then the title, then
    /// "Illustration.". The caption always ends in a sentence terminal.
    ///
    /// - Parameter nearbyText: plain text near the image, such as the first paragraph.
    public func heroCaption(imagePath: String, title: String?, nearbyText: String?) -> String {
        let limit = Self.maxCaptionLength
        var sentence: String?
        if let nearby = ProseText.nonEmpty(nearbyText) {
            sentence = ProseText.asSentence(ProseText.firstSentence(of: nearby), limit: limit)
        }

        if let subject = ImageFileWords.subject(ofPath: imagePath) {
            let first = ProseText.asSentence(subject, limit: limit)
            if let sentence, first.count + 1 + sentence.count <= limit {
                return first + " " + sentence
            }
            return first
        }
        if let sentence {
            return sentence
        }
        if let title = ProseText.nonEmpty(title) {
            return ProseText.asSentence(title, limit: limit)
        }
        return "Illustration."
    }

    /// Returns whether every word of `subject` occurs in `title`, ignoring case.
    private func isCovered(_ subject: String, by title: String) -> Bool {
        func words(_ text: String) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        let titleWords = Set(words(title))
        return words(subject).allSatisfy(titleWords.contains)
    }

    /// Joins `head`, `separator` and `tail`, shortening `tail` at a word boundary to fit
    /// `limit`. When less than 10 characters of `tail` would fit, or nothing but
    /// separators, `head` is returned alone.
    private func joined(_ head: String, _ separator: String, _ tail: String, limit: Int) -> String {
        let whole = head + separator + tail
        if whole.count <= limit {
            return whole
        }
        let room = limit - head.count - separator.count
        guard room >= 10 else {
            return ProseText.truncatedAtWord(head, limit: limit, ellipsis: false)
        }
        let shortened = ProseText.trimmingTrailingSeparators(ProseText.truncatedAtWord(tail, limit: room, ellipsis: false))
        guard !shortened.isEmpty else {
            return ProseText.truncatedAtWord(head, limit: limit, ellipsis: false)
        }
        return head + separator + shortened
    }
}
