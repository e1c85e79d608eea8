import Foundation

/// The descriptive words in an image's file name, for alt text and captions.
///
/// `/images/mountainLake_at-sunrise-1200x630-final@2x.jpg` gives "mountain", "lake",
/// "at", "sunrise": the folder, the extension, sizes, scale factors, version tags,
/// digits, hashes and words that describe the file rather than the picture (such as
/// "img", "hero" or "final") are dropped.
enum ImageFileWords {
    private static let noiseWords: Set<String> = [
        "img", "image", "images", "pic", "pics", "picture", "hero", "banner", "header", "cover",
        "featured", "thumb", "thumbnail", "final", "draft", "edit", "edited", "copy", "new", "old",
        "tmp", "temp", "large", "medium", "small", "big", "retina", "scaled", "min", "optimized",
        "compressed", "resized", "crop", "cropped", "web", "og", "social", "share", "wp", "dsc",
        "dscn", "dscf", "dji", "mvimg", "pxl", "untitled", "unnamed", "download", "stock",
        "shutterstock", "unsplash", "pexels", "istock", "getty", "jpg", "jpeg", "png", "webp",
        "gif", "avif", "svg", "hd", "hq", "bg", "background", "lowres", "hires", "export",
    ]

    /// Returns the descriptive words of the file name in `path`, in order. Words
    /// written in capitals, such as "API", keep their case and the others are lowercase.
    static func words(inPath path: String) -> [String] {
        var name = path
        if let end = name.firstIndex(where: { $0 == "?" || $0 == "#" }) {
            name = String(name[..<end])
        }
        name = FileNameText.pathComponents(name).last ?? ""
        name = name.removingPercentEncoding ?? name
        name = FileNameText.strippingExtension(name)

        var words: [String] = []
        for chunk in name.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init) {
            if isFileNoise(chunk) { continue }
            for word in splittingCamelCase(chunk) where !isWordNoise(word) {
                words.append(isAcronym(word) ? word : word.lowercased())
            }
        }
        return words
    }

    /// Returns the words joined with spaces and the first letter capitalized, or nil
    /// when the file name has no descriptive words.
    static func subject(ofPath path: String) -> String? {
        let words = words(inPath: path)
        guard !words.isEmpty else { return nil }
        return ProseText.capitalizingFirstLetter(words.joined(separator: " "))
    }

    /// Returns whether `chunk` is a size (`1200x630`), a scale factor (`2x`), a version
    /// (`v2`) or a hash (`3f9a2c1d`).
    private static func isFileNoise(_ chunk: String) -> Bool {
        let lowered = chunk.lowercased()
        let parts = lowered.split(separator: "x", omittingEmptySubsequences: false)
        let isDigits: (Substring) -> Bool = { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if parts.count == 2, isDigits(parts[0]), parts[1].isEmpty || isDigits(parts[1]) {
            return true
        }
        if lowered.hasPrefix("v"), isDigits(lowered.dropFirst()) {
            return true
        }
        let isHex = lowered.allSatisfy(\.isHexDigit)
        let hasDigit = lowered.contains(where: \.isNumber)
        let hasLetter = lowered.contains(where: \.isLetter)
        return lowered.count >= 7 && isHex && hasDigit && hasLetter
    }

    private static func isWordNoise(_ word: String) -> Bool {
        let lowered = word.lowercased()
        if lowered.allSatisfy(\.isNumber) { return true }
        if lowered.count == 1 && lowered != "a" { return true }
        return noiseWords.contains(lowered)
    }

    private static func isAcronym(_ word: String) -> Bool {
        word.count >= 2 && word.allSatisfy { $0.isUppercase || $0.isNumber } && word.contains(where: \.isUppercase)
    }

    /// Splits "mountainLake" into "mountain" and "Lake", "HTTPServer" into "HTTP" and
    /// "Server", and "photo2024" into "photo" and "2024".
    private static func splittingCamelCase(_ chunk: String) -> [String] {
        let characters = Array(chunk)
        var words: [String] = []
        var current = ""
        for (index, character) in characters.enumerated() {
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if let previous = current.last, startsNewWord(previous, character, next: next) {
                words.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty {
            words.append(current)
        }
        return words
    }

    private static func startsNewWord(_ previous: Character, _ character: Character, next: Character?) -> Bool {
        if previous.isLowercase && character.isUppercase { return true }
        if previous.isLetter != character.isLetter { return true }
        // The last capital of an acronym starts the next word: "HTTPServer".
        if previous.isUppercase && character.isUppercase, let next, next.isLowercase { return true }
        return false
    }
}
