/// JSON for a `<script>` element, such as the JSON-LD block in a page's head.
///
/// An HTML parser ends a script element at the first `</script`, whatever the JSON
/// around it, and `<!--` changes how it reads what follows. Writing `<`, `>` and `&`
/// as `\u` escapes, which JSON readers decode back to the same characters, keeps any
/// text inside the block. U+2028 and U+2029 are escaped too, because JavaScript
/// before ES2019 reads them as line ends inside strings.
enum ScriptJSON {
    static func serialize(_ value: JSONValue) -> String {
        escape(value.serialized())
    }

    /// Escapes serialized JSON for a script element. The characters replaced can only
    /// occur inside JSON strings, where the `\u` escapes mean the same characters.
    static func escape(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { "<>&\u{2028}\u{2029}".unicodeScalars.contains($0) }) else {
            return json
        }
        var escaped = ""
        escaped.reserveCapacity(json.utf8.count + 32)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": escaped += "\\u003c"
            case ">": escaped += "\\u003e"
            case "&": escaped += "\\u0026"
            case "\u{2028}": escaped += "\\u2028"
            case "\u{2029}": escaped += "\\u2029"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
